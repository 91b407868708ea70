import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  generateIac,
  type IacResult,
  operatorReportRequestSchema,
  secretHasher,
  toLiveResources,
} from '@driftwise/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyCustomPrompt, type LlmEndpoint } from '../src/iac/apply-custom-prompt.ts';
import { example, json, libsqlApp, withKey } from './libsql-app.ts';

interface Recorded {
  headers: IncomingMessage['headers'];
  body: { model: string; messages: { role: string; content: string }[] };
}

let server: Server;
let endpoint: LlmEndpoint;
let recorded: Recorded[] = [];
let answer: (request: Recorded, response: ServerResponse) => void = () => {};

const inSync = JSON.parse(example('in-sync').report);
const report = operatorReportRequestSchema.parse(inSync);
const live = toLiveResources(report, { secretHasher: secretHasher('k', 'k1test') });
const generated = generateIac({ live, scope: 'all' });

/** Every Secret value of the fixture, base64 as reported and decoded, and the hashes core makes of them. */
const secretValues = report.resources
  .filter((r) => r.normalized_type === 'k8s/secret')
  .flatMap((r) => Object.values((r.properties as { data: Record<string, string> }).data))
  .flatMap((value) => [value, Buffer.from(value, 'base64').toString('utf8')]);

function reply(content: string) {
  return (_: Recorded, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
  };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    request.on('end', () => {
      const entry = { headers: request.headers, body: JSON.parse(text) };
      recorded.push(entry);
      answer(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  endpoint = { url: `http://127.0.0.1:${port}/v1/chat/completions`, model: 'test-model', apiKey: 'sk-test' };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  recorded = [];
});

const labelled = generated.content.replace(
  '    labels = {\n      app = "stockkeeper"\n',
  '    labels = {\n      app  = "stockkeeper"\n      team = "stock"\n',
);

describe('applyCustomPrompt', () => {
  it('uses the answer when it parses and declares the same resources and imports', async () => {
    answer = reply(labelled);
    const result = await applyCustomPrompt(generated, 'add the label team=stock', { endpoint });

    expect(labelled).not.toBe(generated.content);
    expect(result.content).toBe(labelled);
    expect(result.warnings).toEqual(generated.warnings);
  });

  it('sends the model, the key, the prompt and the code, and no Secret value or hash', async () => {
    answer = reply(labelled);
    await applyCustomPrompt(generated, 'add the label team=stock', { endpoint });
    const [request] = recorded;
    const sent = JSON.stringify(request?.body);

    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body.model).toBe('test-model');
    expect(request?.body.messages.at(-1)?.content).toContain('add the label team=stock');
    expect(request?.body.messages.at(-1)?.content).toContain(generated.content);
    expect(secretValues.length).toBeGreaterThan(0);
    for (const value of secretValues) expect(sent).not.toContain(value);
    expect(sent).not.toContain('hmac-sha256');
  });

  it('takes the code out of a fenced answer', async () => {
    answer = reply(`Here it is:\n\`\`\`hcl\n${labelled}\`\`\`\n`);
    const result = await applyCustomPrompt(generated, 'add the label', { endpoint });

    expect(result.content).toBe(labelled);
  });

  it('keeps the generated code and warns when the answer drops a resource', async () => {
    const dropped = generated.content.replace(/resource "kubernetes_service_v1"[\s\S]*?\n}\n/, '');
    answer = reply(dropped);
    const result = await applyCustomPrompt(generated, 'drop the service', { endpoint });

    expect(result.content).toBe(generated.content);
    expect(result.warnings.at(-1)).toEqual({
      code: 'custom_prompt_rejected',
      message:
        'The custom prompt was not applied: it drops the resource kubernetes_service_v1.inventory_stockkeeper.',
    });
  });

  it('keeps the generated code and warns when the answer changes an import id', async () => {
    answer = reply(generated.content.replace('id = "inventory/stockkeeper"', 'id = "other/stockkeeper"'));
    const result = await applyCustomPrompt(generated, 'move it', { endpoint });

    expect(result.content).toBe(generated.content);
    expect(result.warnings.at(-1)?.message).toMatch(
      /drops the import kubernetes_\w+\.inventory_stockkeeper inventory\/stockkeeper/,
    );
  });

  it('keeps the generated code and warns when the answer is not HCL', async () => {
    answer = reply(generated.content.replace(/\n}\n/, '\n'));
    const result = await applyCustomPrompt(generated, 'anything', { endpoint });

    expect(result.content).toBe(generated.content);
    expect(result.warnings.at(-1)?.code).toBe('custom_prompt_rejected');
    expect(result.warnings.at(-1)?.message).toMatch(
      /^The custom prompt was not applied: the answer does not parse as HCL \(line \d+: /,
    );
  });

  it('keeps the generated code and warns when the endpoint does not answer in time', async () => {
    answer = () => {};
    const result = await applyCustomPrompt(generated, 'anything', { endpoint, timeoutMs: 200 });

    expect(result.content).toBe(generated.content);
    expect(result.warnings.at(-1)).toEqual({
      code: 'custom_prompt_failed',
      message: 'The custom prompt was not applied: the model endpoint did not answer within 200 ms.',
    });
  });

  it('keeps the generated code and warns when the endpoint answers an HTTP error', async () => {
    answer = (_, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('boom');
    };
    const result = await applyCustomPrompt(generated, 'anything', { endpoint });

    expect(result.content).toBe(generated.content);
    expect(result.warnings.at(-1)?.message).toBe(
      'The custom prompt was not applied: the model endpoint answered HTTP 500.',
    );
  });

  it('checks a terraform-json answer as JSON when the format is terraform-json', async () => {
    const asJson: IacResult = generateIac({ live, scope: 'all', format: 'terraform-json' });
    answer = reply('{"resource": {}}');
    const result = await applyCustomPrompt(asJson, 'anything', { endpoint });

    expect(result.content).toBe(asJson.content);
    expect(result.warnings.at(-1)?.message).toMatch(
      /^The custom prompt was not applied: it drops the resource /,
    );
  });

  it('sends nothing and warns when the code is longer than the limit', async () => {
    const result = await applyCustomPrompt(generated, 'anything', { endpoint, maxCodeChars: 100 });

    expect(recorded).toEqual([]);
    expect(result.content).toBe(generated.content);
    expect(result.warnings.at(-1)?.message).toBe(
      `The custom prompt was not applied: the code (${generated.content.length} characters) is longer than the 100 sent to a model; narrow the report (a namespace, iac_scope "extra").`,
    );
  });

  it('warns that the prompt was not applied when no endpoint is configured', async () => {
    const result = await applyCustomPrompt(generated, 'anything', {});

    expect(recorded).toEqual([]);
    expect(result.warnings.at(-1)?.code).toBe('custom_prompt_not_applied');
  });
});

describe('POST /api/v2/operator/report with custom_prompt', () => {
  it('answers the model’s code when the endpoint is configured and the answer passes', async () => {
    const app = await libsqlApp(':memory:', {
      IAC_LLM_URL: endpoint.url,
      IAC_LLM_MODEL: 'm',
      IAC_LLM_API_KEY: 'sk-app',
    });
    try {
      const { key } = await app.createOrgAndKey();
      answer = reply(labelled);
      const body = {
        ...inSync,
        generate_iac: true,
        iac_scope: 'all',
        custom_prompt: 'add the label team=stock',
      };
      const response = await app.call('/api/v2/operator/report', json('POST', body, withKey(key)));
      const posted = (await response.json()) as { iac: IacResult };

      expect(response.status).toBe(201);
      expect(posted.iac.content).toBe(labelled);
      expect(recorded.at(-1)?.headers.authorization).toBe('Bearer sk-app');
      for (const value of secretValues) expect(JSON.stringify(recorded.at(-1)?.body)).not.toContain(value);
    } finally {
      app.client.close();
    }
  });
});
