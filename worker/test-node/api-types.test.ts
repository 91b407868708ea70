import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../scripts/generate-api-types.ts';
import { createApp } from '../src/create-app.ts';
import { openApiDocument } from '../src/openapi/openapi-document.ts';

const worker = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('openapi/api-types.ts', () => {
  it('is what openapi-typescript generates from the routes today', async () => {
    const committed = await readFile(join(worker, API_TYPES_FILE), 'utf8');
    // On failure: `npm run openapi -w worker` regenerates it after a route or schema changed.
    expect(committed).toBe(await generateApiTypes());
  });

  it('holds a path and an operation for each route of the document', async () => {
    const types = await generateApiTypes();
    const { paths } = openApiDocument(createApp());
    for (const [path, item] of Object.entries(paths ?? {})) {
      expect(types).toContain(`"${path}": {`);
      for (const operation of Object.values(item as Record<string, { operationId?: string }>)) {
        expect(types).toContain(`    ${operation.operationId}: {`);
      }
    }
  });
});
