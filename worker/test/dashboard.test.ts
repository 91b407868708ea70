import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import handEditsReport from '../../examples/hand-edits/report.json';
import handEditsState from '../../examples/hand-edits/state.tfstate?raw';
import { createApp } from '../src/create-app.ts';
import { Browser, signedInAdmin, signedInMember } from './dashboard-browser.ts';
import { ADMIN_TOKEN, call, count, createOrgAndKey, freshIp, json, rows, withKey } from './helpers.ts';

async function reportedOrg() {
  const { orgId, key, keyId } = await createOrgAndKey(['write'], `org-${crypto.randomUUID().slice(0, 6)}`);
  await call(
    `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
    json('PUT', handEditsState, withKey(key)),
  );
  const posted = await call(
    '/api/v2/operator/report',
    json('POST', handEditsReport, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
  );
  const { report_id: scanId } = (await posted.json()) as { report_id: string };
  return { orgId, key, keyId, scanId };
}

describe('dashboard sign-in', () => {
  it('redirects to the sign-in page when there is no session', async () => {
    const response = await new Browser().fetch('/');
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/sign-in');
  });

  it('offers the admin token form with a strict CSP when no issuer is configured', async () => {
    const response = await new Browser().fetch('/sign-in');
    const html = await response.text();
    expect(response.headers.get('Content-Security-Policy')).toBe(
      "default-src 'self'; frame-ancestors 'none'",
    );
    expect(html).toContain('<label for="admin-token">Admin token</label>');
    expect(html).toMatch(/<input\s+id="admin-token"\s+name="admin_token"\s+type="password"/);
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).not.toMatch(/<script>|\son\w+="/);
  });

  it('sets an HttpOnly, SameSite=Lax, Secure 8-hour session cookie for the admin token', async () => {
    const browser = new Browser();
    const csrf = await browser.csrfOf('/sign-in');
    const response = await browser.post('/sign-in', { admin_token: ADMIN_TOKEN }, csrf);
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('dw_session='));
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
  });

  it('answers 401 and sets no session for a wrong admin token', async () => {
    const browser = new Browser();
    const csrf = await browser.csrfOf('/sign-in');
    const response = await browser.post('/sign-in', { admin_token: 'wrong' }, csrf);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('That is not the admin token.');
    expect(browser.cookies.has('dw_session')).toBe(false);
  });

  it('answers 403 when the sign-in form has no CSRF token', async () => {
    const browser = new Browser();
    await browser.fetch('/sign-in');
    const response = await browser.post('/sign-in', { admin_token: ADMIN_TOKEN }, null);
    expect(response.status).toBe(403);
    expect(browser.cookies.has('dw_session')).toBe(false);
  });

  it('refuses a session cookie whose signature was tampered with', async () => {
    const browser = await signedInAdmin();
    const [value, signature] = decodeURIComponent(browser.cookies.get('dw_session')!).split('.');
    const forged = JSON.stringify({ ...JSON.parse(value!), exp: Date.now() + 1e9 });
    browser.cookies.set('dw_session', encodeURIComponent(`${forged}.${signature}`));
    const { orgId } = await createOrgAndKey(['read']);
    const response = await browser.fetch(`/orgs/${orgId}/clusters`);
    expect(response.status).toBe(303);
  });

  it('treats a session older than 8 hours as signed out', async () => {
    const browser = await signedInAdmin();
    const { orgId } = await createOrgAndKey(['read']);
    const later = createApp({ now: () => new Date(Date.now() + 8 * 3600_000 + 1000) });
    const response = await later.request(
      `https://driftwise.test/orgs/${orgId}/clusters`,
      { headers: { Cookie: `dw_session=${browser.cookies.get('dw_session')}` }, redirect: 'manual' },
      env,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/sign-in');
  });

  it('signs out and then redirects to sign-in', async () => {
    const browser = await signedInAdmin();
    const { orgId } = await createOrgAndKey(['read']);
    const csrf = await browser.csrfOf(`/orgs/${orgId}/clusters`);
    expect((await browser.post('/sign-out', {}, csrf)).status).toBe(303);
    expect((await browser.fetch(`/orgs/${orgId}/clusters`)).status).toBe(303);
  });
});

describe('dashboard pages', () => {
  it('lists the cluster with the latest scan per namespace and its counts', async () => {
    const { orgId, scanId } = await reportedOrg();
    const response = await (await signedInAdmin()).fetch(`/orgs/${orgId}/clusters`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('k8s:example-cluster');
    expect(html).toContain(`href="/orgs/${orgId}/scans/${scanId}">fleet</a>`);
    expect(html).toMatch(
      /<td>0<\/td>\s*<td>0<\/td>\s*<td>3<\/td>\s*<td><span class="sev-medium">3 medium<\/span><\/td>\s*<td>100%<\/td>/,
    );
  });

  it('shows the scan summary and its items grouped by status with their changes', async () => {
    const { orgId, scanId } = await reportedOrg();
    const html = await (await (await signedInAdmin()).fetch(`/orgs/${orgId}/scans/${scanId}`)).text();
    expect(html).toContain('<strong>3</strong> changed');
    expect(html).toContain('<h3 id="g-changed">changed (3)</h3>');
    expect(html).toContain('<code>k8s/deployment/fleet/tracker</code>');
    expect(html).toContain('<code>spec.replicas</code>');
    expect(html).toContain('3 items match.');
  });

  it('filters the items by status from the query string', async () => {
    const { orgId, scanId } = await reportedOrg();
    const html = await (
      await (await signedInAdmin()).fetch(`/orgs/${orgId}/scans/${scanId}?status=missing`)
    ).text();
    expect(html).toContain('0 items match.');
    expect(html).toContain('<option value="missing" selected>missing</option>');
  });

  it('filters the items by namespace and severity', async () => {
    const { orgId, scanId } = await reportedOrg();
    const browser = await signedInAdmin();
    const medium = await (
      await browser.fetch(`/orgs/${orgId}/scans/${scanId}?severity=medium&namespace=fleet`)
    ).text();
    expect(medium).toContain('3 items match.');
    const high = await (await browser.fetch(`/orgs/${orgId}/scans/${scanId}?severity=high`)).text();
    expect(high).toContain('0 items match.');
  });

  it('answers 400 for a filter value it does not know', async () => {
    const { orgId, scanId } = await reportedOrg();
    const response = await (await signedInAdmin()).fetch(`/orgs/${orgId}/scans/${scanId}?status=weird`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The filter status is not valid');
  });

  it('pages a large scan 50 items at a time', async () => {
    const { orgId, key } = await createOrgAndKey(['write'], 'big');
    const resources = Array.from({ length: 51 }, (_, i) => ({
      id: `cm-${i}`,
      normalized_type: 'k8s/configmap',
      provider_type: 'configmap',
      provider: 'kubernetes',
      name: `cm-${String(i).padStart(2, '0')}`,
      region: 'r',
      tags: {},
      properties: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `cm-${String(i).padStart(2, '0')}`, namespace: 'big' },
        data: { a: '1' },
      },
    }));
    const posted = await call(
      '/api/v2/operator/report',
      json(
        'POST',
        { cluster_id: 'c-big', namespace: 'big', resources },
        { ...withKey(key), 'CF-Connecting-IP': freshIp() },
      ),
    );
    const { report_id: scanId } = (await posted.json()) as { report_id: string };
    const browser = await signedInAdmin();
    const first = await (await browser.fetch(`/orgs/${orgId}/scans/${scanId}`)).text();
    expect(first).toContain('51 items match.');
    expect(first).toContain('Page 1 of 2');
    expect(first).toContain('<code>k8s/configmap/big/cm-49</code>');
    expect(first).not.toContain('<code>k8s/configmap/big/cm-50</code>');
    const second = await (await browser.fetch(`/orgs/${orgId}/scans/${scanId}?page=2`)).text();
    expect(second).toContain('<code>k8s/configmap/big/cm-50</code>');
    expect(second).not.toContain('<code>k8s/configmap/big/cm-49</code>');
  });

  it('escapes what users named, so a key name cannot inject markup', async () => {
    const { orgId } = await reportedOrg();
    const browser = await signedInAdmin();
    const csrf = await browser.csrfOf(`/orgs/${orgId}/settings`);
    await browser.post(`/orgs/${orgId}/settings/api-keys`, { name: '<img src=x>', scopes: ['read'] }, csrf);
    const html = await (await browser.fetch(`/orgs/${orgId}/settings`)).text();
    expect(html).toContain('<td>&lt;img src=x&gt;</td>');
    expect(html).not.toContain('<img src=x>');
  });

  it("answers 404 for another org's scan under this org's address", async () => {
    const a = await reportedOrg();
    const b = await reportedOrg();
    const response = await (await signedInAdmin()).fetch(`/orgs/${a.orgId}/scans/${b.scanId}`);
    expect(response.status).toBe(404);
  });

  it("answers 404 to a member for another org's pages", async () => {
    const a = await reportedOrg();
    const b = await reportedOrg();
    const browser = await signedInMember(a.orgId, 'owner');
    expect((await browser.fetch(`/orgs/${a.orgId}/scans/${a.scanId}`)).status).toBe(200);
    expect((await browser.fetch(`/orgs/${b.orgId}/scans/${b.scanId}`)).status).toBe(404);
    expect((await browser.fetch(`/orgs/${b.orgId}/settings`)).status).toBe(404);
  });

  it('answers 415 and stores nothing for a form that is not form-encoded', async () => {
    const { orgId } = await reportedOrg();
    const browser = await signedInAdmin();
    const before = await count('api_keys');
    const response = await browser.fetch(`/orgs/${orgId}/settings/api-keys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x', scopes: ['read'] }),
    });
    expect(response.status).toBe(415);
    expect(await count('api_keys')).toBe(before);
  });

  it('leaves unknown paths to the API: a problem+json 404', async () => {
    const response = await call('/no-such-page');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });

  it('serves the stylesheet and the script from its own origin', async () => {
    const css = await call('/dashboard.css');
    const js = await call('/dashboard.js');
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain(':focus-visible');
    expect(js.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  });
});

describe('dashboard settings', () => {
  it('creates a key and shows its raw key once, in a read-only field with a Copy button', async () => {
    const { orgId } = await reportedOrg();
    const browser = await signedInAdmin();
    const csrf = await browser.csrfOf(`/orgs/${orgId}/settings`);
    const response = await browser.post(
      `/orgs/${orgId}/settings/api-keys`,
      { name: 'operator-prod', scopes: ['write'] },
      csrf,
    );
    const html = await response.text();
    expect(response.status).toBe(201);
    const rawKey = /id="new-api-key" type="text" readonly value="(dw2_[^"]+)"/.exec(html)?.[1];
    expect(rawKey).toMatch(/^dw2_[A-Za-z0-9_-]{43}$/);
    expect(html).toContain('<label for="new-api-key">New API key</label>');
    expect(html).toContain('data-copy="new-api-key">Copy</button>');
    expect(html).toContain('it will not be shown again');
    const scans = await call(`/api/v2/orgs/${orgId}/scans`, { headers: withKey(rawKey!) });
    expect(scans.status).toBe(200);
    expect(await (await browser.fetch(`/orgs/${orgId}/settings`)).text()).not.toContain(rawKey);
  });

  it('answers 403 and stores no key when the form has no CSRF token', async () => {
    const { orgId } = await reportedOrg();
    const browser = await signedInAdmin();
    const before = await count('api_keys');
    const response = await browser.post(
      `/orgs/${orgId}/settings/api-keys`,
      { name: 'x', scopes: ['read'] },
      null,
    );
    expect(response.status).toBe(403);
    expect(await count('api_keys')).toBe(before);
  });

  it('answers 403 and stores no key when the CSRF token is another session’s', async () => {
    const { orgId } = await reportedOrg();
    const other = await (await signedInAdmin()).csrfOf(`/orgs/${orgId}/settings`);
    const before = await count('api_keys');
    const response = await (await signedInAdmin()).post(
      `/orgs/${orgId}/settings/api-keys`,
      { name: 'x', scopes: ['read'] },
      other,
    );
    expect(response.status).toBe(403);
    expect(await count('api_keys')).toBe(before);
  });

  it('answers 400 when no scope is ticked', async () => {
    const { orgId } = await reportedOrg();
    const browser = await signedInAdmin();
    const csrf = await browser.csrfOf(`/orgs/${orgId}/settings`);
    const response = await browser.post(`/orgs/${orgId}/settings/api-keys`, { name: 'x' }, csrf);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Choose the key’s scopes');
  });

  it('refuses a viewer who tries to mint a key with 403, and shows a viewer no create form', async () => {
    const { orgId } = await reportedOrg();
    const browser = await signedInMember(orgId, 'viewer');
    const page = await (await browser.fetch(`/orgs/${orgId}/settings`)).text();
    expect(page).not.toContain('Create API key');
    const before = await count('api_keys');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const response = await browser.post(
      `/orgs/${orgId}/settings/api-keys`,
      { name: 'x', scopes: ['write'] },
      csrf,
    );
    expect(response.status).toBe(403);
    expect(await count('api_keys')).toBe(before);
  });

  it('revokes a key after the confirmation page, and the key is then a 401', async () => {
    const { orgId, key, keyId } = await reportedOrg();
    const browser = await signedInAdmin();
    const confirm = await browser.fetch(`/orgs/${orgId}/settings/api-keys/${keyId}/revoke`);
    const html = await confirm.text();
    expect(html).toContain('Yes, revoke this key');
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const response = await browser.post(`/orgs/${orgId}/settings/api-keys/${keyId}/revoke`, {}, csrf);
    expect(response.status).toBe(200);
    expect((await call(`/api/v2/orgs/${orgId}/scans`, { headers: withKey(key) })).status).toBe(401);
  });

  it('invites a member, changes the role and removes them', async () => {
    const { orgId } = await reportedOrg();
    const browser = await signedInAdmin();
    const csrf = await browser.csrfOf(`/orgs/${orgId}/settings`);
    const roleOf = async () =>
      (
        await rows<{ role: string }>(
          'SELECT role FROM members WHERE org_id = ? AND email = ?',
          orgId,
          'ana@example.com',
        )
      )[0]?.role;
    await browser.post(`/orgs/${orgId}/settings/members`, { email: 'Ana@Example.com', role: 'viewer' }, csrf);
    expect(await roleOf()).toBe('viewer');
    await browser.post(
      `/orgs/${orgId}/settings/members/role`,
      { email: 'ana@example.com', role: 'admin' },
      csrf,
    );
    expect(await roleOf()).toBe('admin');
    await browser.post(`/orgs/${orgId}/settings/members/remove`, { email: 'ana@example.com' }, csrf);
    expect(await roleOf()).toBeUndefined();
  });

  it('refuses a viewer who tries to invite a member with 403', async () => {
    const { orgId } = await reportedOrg();
    const browser = await signedInMember(orgId, 'viewer');
    const csrf = await browser.csrfOf(`/orgs/${orgId}/settings`);
    const response = await browser.post(
      `/orgs/${orgId}/settings/members`,
      { email: 'x@example.com', role: 'owner' },
      csrf,
    );
    expect(response.status).toBe(403);
    expect(await rows('SELECT * FROM members WHERE email = ?', 'x@example.com')).toEqual([]);
  });
});

describe('dashboard ignore rules', () => {
  it('saves the rules the API then serves', async () => {
    const { orgId, key } = await reportedOrg();
    const browser = await signedInAdmin();
    const csrf = await browser.csrfOf(`/orgs/${orgId}/ignore-rules`);
    const response = await browser.post(
      `/orgs/${orgId}/ignore-rules`,
      { rules: 'k8s/*/kube-system/*\r\n' },
      csrf,
    );
    expect(response.status).toBe(200);
    const served = await call(`/api/v2/orgs/${orgId}/driftignore`, { headers: withKey(key) });
    expect(await served.text()).toBe('k8s/*/kube-system/*\n');
  });

  it('answers 400 naming the bad line and stores nothing', async () => {
    const { orgId } = await reportedOrg();
    const browser = await signedInAdmin();
    const csrf = await browser.csrfOf(`/orgs/${orgId}/ignore-rules`);
    const response = await browser.post(`/orgs/${orgId}/ignore-rules`, { rules: 'k8s/*/a/*\n:::\n' }, csrf);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Line 2: /);
    expect(await rows('SELECT * FROM ignore_rules WHERE org_id = ?', orgId)).toEqual([]);
  });

  it('refuses a viewer who tries to change the rules with 403', async () => {
    const { orgId } = await reportedOrg();
    const browser = await signedInMember(orgId, 'viewer');
    const csrf = await browser.csrfOf(`/orgs/${orgId}/ignore-rules`);
    const response = await browser.post(`/orgs/${orgId}/ignore-rules`, { rules: 'k8s/*' }, csrf);
    expect(response.status).toBe(403);
  });
});
