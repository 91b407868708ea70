// Issue 7 "Tests" on Node with libSQL: the workerd fuzz of state uploads and ignore files
// (test/fuzz.test.ts), against the store that refused a serial ≥ 2^53 and then answered 500 for the org.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fuzzedIgnore, fuzzedState } from '../test/fuzz-inputs.ts';
import { leaksIn } from '../test/secret-cases.ts';
import { countRows, dumpStore } from './dump-store.ts';
import { json, type LibsqlApp, libsqlApp, withKey } from './libsql-app.ts';

let opened: LibsqlApp | undefined;
afterEach(() => {
  opened?.client.close();
  opened = undefined;
});

describe('state upload fuzz (Node, libSQL)', () => {
  it('never answers 5xx, never writes part of a refused upload and never stores a raw Secret value', async () => {
    opened = await libsqlApp();
    const app = opened;
    const { orgId, key } = await app.createOrgAndKey(['write']);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fuzzedState, async ({ text, secrets }) => {
        run += 1;
        const before = [await countRows(app, 'state_sources'), await countRows(app, 'iac_resources')];
        const response = await app.call(
          `/api/v2/orgs/${orgId}/state-sources/fuzz-${run}/state`,
          json('PUT', text, withKey(key)),
        );
        expect(response.status).toBeLessThan(500);
        if (response.status !== 200) {
          expect([await countRows(app, 'state_sources'), await countRows(app, 'iac_resources')]).toEqual(
            before,
          );
        }
        // The org stays readable whatever was uploaded (a stored 2^53 serial made this a 500).
        expect(
          (await app.call(`/api/v2/orgs/${orgId}/state-sources`, { headers: withKey(key) })).status,
        ).toBe(200);
        expect(leaksIn(await dumpStore(app), secrets)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('ignore file fuzz (Node, libSQL)', () => {
  it('never answers 5xx, keeps the stored rules on a 400 and stores exactly the text on a 200', async () => {
    opened = await libsqlApp();
    const app = opened;
    const { orgId, key } = await app.createOrgAndKey(['write']);
    const stored = async () =>
      (await app.call(`/api/v2/orgs/${orgId}/driftignore`, { headers: withKey(key) })).text();
    await fc.assert(
      fc.asyncProperty(fuzzedIgnore, async (text) => {
        const before = await stored();
        const response = await app.call(`/api/v2/orgs/${orgId}/driftignore`, {
          method: 'PUT',
          headers: { ...withKey(key), 'Content-Type': 'text/plain' },
          body: text,
        });
        expect(response.status).toBeLessThan(500);
        expect(await stored()).toBe(response.status === 200 ? text : before);
      }),
      { numRuns: 60 },
    );
  });
});
