// `npm run openapi -w worker`: writes openapi/api-types.ts, the client types of the API, from the routes.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TYPES_FILE, generateApiTypes } from './generate-api-types.ts';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', API_TYPES_FILE);
await writeFile(file, await generateApiTypes());
console.log(`wrote ${file}`);
