import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import handEditsReport from '../../examples/hand-edits/report.json';
import handEditsState from '../../examples/hand-edits/state.tfstate?raw';
import { createApp } from '../src/create-app.ts';
import { itemHistory } from '../src/dashboard/item-history.ts';
import type { ListedDriftEvent } from '../src/store/store.ts';
import { ADMIN_TOKEN, asAdmin, freshIp, json, withKey } from './helpers.ts';

// Issue 14: the Scan page shows each item's history from its drift events, and accepted drift as accepted.
const start = Date.UTC(2026, 10, 20, 9, 0);
const hours = (n: number) => new Date(start + n * 3_600_000);

/** The hand-edits example with the ConfigMap's hand-edited value set to `value` ('24' is the IaC's). */
function withStops(value: string) {
  return {
    ...handEditsReport,
    resources: handEditsReport.resources.map((resource) =>
      resource.name === 'routing-rules'
        ? {
            ...resource,
            properties: {
              ...resource.properties,
              data: { ...(resource.properties as { data: object }).data, MAX_STOPS_PER_ROUTE: value },
            },
          }
        : resource,
    ),
  };
}

/** An app on a clock the test moves, an org with the hand-edits state, and a signed-in admin browser. */
async function world() {
  let clock = hours(0);
  const app = createApp({ now: () => clock });
  const cookies = new Map<string, string>();
  const call = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set('Cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await app.fetch(
      new Request(`https://driftwise.test${path}`, { ...init, headers, redirect: 'manual' }),
      env,
    );
    for (const cookie of response.headers.getSetCookie()) {
      const [name, value] = cookie.split(';')[0]!.split('=', 2) as [string, string];
      if (/Max-Age=0/i.test(cookie)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  const org = (await (
    await call('/api/v2/admin/orgs', json('POST', { name: 'history' }, asAdmin))
  ).json()) as {
    id: string;
  };
  const { raw_key: key } = (await (
    await call(`/api/v2/orgs/${org.id}/api-keys`, json('POST', { name: 'k', scopes: ['write'] }, asAdmin))
  ).json()) as { raw_key: string };
  const upload = await call(
    `/api/v2/orgs/${org.id}/state-sources/main/state?cluster_id=example-cluster`,
    json('PUT', handEditsState, withKey(key)),
  );
  expect(upload.status).toBe(200);
  // Sessions last 8 hours on the same clock: sign in again before each page.
  const signIn = async () => {
    cookies.clear();
    const form = await (await call('/sign-in')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)![1]!;
    const signedIn = await call('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, admin_token: ADMIN_TOKEN }).toString(),
    });
    expect(signedIn.status).toBe(303);
  };
  return {
    at: (time: Date) => {
      clock = time;
    },
    report: async (body: unknown = handEditsReport) => {
      const response = await call(
        '/api/v2/operator/report',
        json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
      );
      expect(response.status).toBe(201);
      return ((await response.json()) as { report_id: string }).report_id;
    },
    accept: (scanId: string) =>
      call(`/api/v2/orgs/${org.id}/scans/${scanId}/accept`, { method: 'POST', headers: withKey(key) }),
    scanPage: async (scanId: string) => {
      await signIn();
      const response = await call(`/orgs/${org.id}/scans/${scanId}`);
      expect(response.status).toBe(200);
      return response.text();
    },
  };
}

/** The history line the page shows for one resource. */
function historyOf(page: string, resourceId: string): string | undefined {
  const item = page.split('<article').find((part) => part.includes(`<code>${resourceId}</code>`));
  const line = item && /<p class="history">\s*History: (.*?) \(first seen at/s.exec(item);
  return line ? line[1] : undefined;
}

describe('Scan page history', () => {
  it('says when the drift appeared, by whom, and when it changed again', async () => {
    const { at, report, scanPage } = await world();
    await report();
    at(hours(70));
    const latest = await report(withStops('41'));
    at(hours(72));
    const page = await scanPage(latest);
    expect(historyOf(page, 'k8s/configmap/fleet/routing-rules')).toBe(
      'first seen 3 d ago by kubectl-edit; changed again 2 h ago',
    );
    // The other items did not change: their line is the appearance alone, with their own authors.
    expect(historyOf(page, 'k8s/deployment/fleet/dispatcher')).toBe('first seen 3 d ago by kubectl-set');
    expect(historyOf(page, 'k8s/deployment/fleet/tracker')).toBe('first seen 3 d ago by kubectl');
  });

  it("reads an older scan's history as it was then, without the events after it", async () => {
    const { at, report, scanPage } = await world();
    const first = await report();
    at(hours(70));
    await report(withStops('41'));
    at(hours(72));
    expect(historyOf(await scanPage(first), 'k8s/configmap/fleet/routing-rules')).toBe(
      'first seen 3 d ago by kubectl-edit',
    );
  });

  it('counts the changes since the latest appearance and says the drift had been resolved before', async () => {
    const { at, report, scanPage } = await world();
    await report();
    at(hours(1));
    await report(withStops('24')); // the ConfigMap back to the IaC's value: resolved
    at(hours(2));
    await report(withStops('41')); // drifts again
    at(hours(3));
    await report(withStops('42'));
    at(hours(4));
    const latest = await report(withStops('43'));
    at(hours(5));
    expect(historyOf(await scanPage(latest), 'k8s/configmap/fleet/routing-rules')).toBe(
      'first seen 3 h ago by kubectl-edit; changed again 1 h ago (2 times); it had been resolved before',
    );
  });

  it('keeps a busy item from crowding out the others, and says its count is a lower bound', async () => {
    const { at, report, scanPage } = await world();
    await report();
    // 25 changes of one item: more than the 20 events read per item, so its appearance is out of reach.
    let latest = '';
    for (let i = 1; i <= 25; i += 1) {
      at(hours(i));
      latest = await report(withStops(String(100 + i)));
    }
    at(hours(26));
    const page = await scanPage(latest);
    expect(historyOf(page, 'k8s/configmap/fleet/routing-rules')).toBe(
      'first seen 1 d ago; changed again 1 h ago (20+ times)',
    );
    expect(historyOf(page, 'k8s/deployment/fleet/tracker')).toBe('first seen 1 d ago by kubectl');
  }, 60_000);
});

describe('Scan page baseline', () => {
  it('shows accepted items as accepted and counts them, and a moved change as drift again', async () => {
    const { at, report, accept, scanPage } = await world();
    const first = await report();
    expect((await accept(first)).status).toBe(200);
    at(hours(1));
    const accepted = await scanPage(await report());
    expect(accepted).toContain('<strong>3</strong> accepted');
    expect(accepted).toContain('<strong>0</strong> changed');
    expect(accepted.match(/<span class="badge">accepted<\/span>/g)).toHaveLength(3);
    at(hours(2));
    const moved = await scanPage(await report(withStops('41')));
    expect(moved).toContain('<strong>2</strong> accepted');
    expect(moved).toContain('<strong>1</strong> changed');
    const routing = moved
      .split('<article')
      .find((part) => part.includes('k8s/configmap/fleet/routing-rules'));
    expect(routing).toBeDefined();
    expect(routing).not.toContain('badge');
    expect(historyOf(moved, 'k8s/configmap/fleet/routing-rules')).toBe(
      'first seen 2 h ago by kubectl-edit; changed again just now',
    );
  });
});

describe('itemHistory', () => {
  const event = (
    seq: number,
    type: ListedDriftEvent['type'],
    at: Date,
    manager?: string,
  ): ListedDriftEvent => ({
    seq,
    id: `e${seq}`,
    type,
    scanId: `s${seq}`,
    at: at.toISOString(),
    clusterId: 'c',
    namespace: 'n',
    resourceId: 'k8s/deployment/n/api',
    status: 'changed',
    severity: 'low',
    accepted: false,
    changes: [
      {
        path: 'spec.replicas',
        iac: 2,
        live: 4,
        ...(manager === undefined
          ? {}
          : { changed_by: { manager, operation: 'Update', subresource: null, time: at.toISOString() } }),
      },
    ],
  });
  const item = {
    first_seen_at: hours(0).toISOString(),
    changes: [{ changed_by: { manager: 'k9s' } }],
  };

  it("takes the author from the item when the appearance's event has none (stored before it was kept)", () => {
    expect(itemHistory([event(1, 'appeared', hours(0))], item, hours(3))).toBe('first seen 3 h ago by k9s');
  });

  it("says only the item's first seen when there are no events", () => {
    expect(itemHistory([], item, hours(50))).toBe('first seen 2 d ago');
  });
});
