import { describe, expect, it } from 'vitest';
import { call } from './helpers.ts';

describe('healthz', () => {
  it('answers 200 without a credential', async () => {
    const response = await call('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
