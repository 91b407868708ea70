import { DriftwiseError, parseIgnoreRules } from '@driftwise/core';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { base64url } from 'jose';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import { mintApiKey } from '../auth/mint-api-key.ts';
import { oidcConfigOf } from '../auth/oidc-config.ts';
import { finishOidcSignIn, startOidcSignIn } from '../auth/oidc-sign-in.ts';
import { type OrgAccess, orgAccess } from '../auth/org-access.ts';
import type { Principal } from '../auth/principal.ts';
import { constantTimeEqual } from '../crypto/constant-time-equal.ts';
import { maxBodyBytes } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { bodyEncoding, readBody } from '../http/read-body.ts';
import { servedDriftItem } from '../ingest/served-drift-item.ts';
import type { AppDeps } from '../routes/app-deps.ts';
import { createApiKeyRequestSchema } from '../schemas/api-key-schemas.ts';
import { createWebhookRequestSchema } from '../schemas/webhook-schemas.ts';
import type { MemberRole, OrgRow } from '../store/store.ts';
import { createWebhook } from '../webhooks/create-webhook.ts';
import { isLocalMode } from '../webhooks/local-mode.ts';
import { type ClusterView, clustersPage } from './clusters-page.ts';
import { confirmPage } from './confirm-page.ts';
import { DASHBOARD_CSS } from './dashboard-css.ts';
import { DASHBOARD_JS } from './dashboard-js.ts';
import { displayUrl } from './display-url.ts';
import { ignoreRulesPage } from './ignore-rules-page.ts';
import { issuesText } from './issues-text.ts';
import { itemHistory } from './item-history.ts';
import type { Html, LayoutNav } from './layout.ts';
import { messagePage } from './message-page.ts';
import { type NotificationsView, notificationsPage, type WebhookForm } from './notifications-page.ts';
import { orgsPage } from './orgs-page.ts';
import { revokeKeyPage } from './revoke-key-page.ts';
import { type ScanFilters, SEVERITIES, STATUSES, scanPage, scanPageItems } from './scan-page.ts';
import { clearSession, readSession, type Session, writeSession } from './session.ts';
import { settingsPage } from './settings-page.ts';
import { signInPage } from './sign-in-page.ts';
import { clearSignInState, readSignInState, writeSignInState } from './sign-in-state.ts';
import { DELIVERIES_PAGE_SIZE, webhookDeliveriesPage } from './webhook-deliveries-page.ts';

// Headers of every dashboard response. `default-src 'self'` is the CONTRACT's policy (one stylesheet, one
// script, no inline code); `frame-ancestors 'none'` because default-src does not cover framing, and a framed
// "Revoke" button is a clickjacking target.
const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

const ROLES: readonly MemberRole[] = ['owner', 'admin', 'viewer'];
/** Events read per item for its history line: enough for "changed again … (N times)" on most items. */
const HISTORY_EVENTS_PER_ITEM = 20;
const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, SEVERITIES.length - i]));

/** A failure shown as a page with its status, rather than problem+json: people read these. */
class PageError extends Error {
  readonly status: ContentfulStatusCode;
  readonly title: string;

  constructor(status: ContentfulStatusCode, title: string, message: string) {
    super(message);
    this.status = status;
    this.title = title;
  }
}

function page(
  c: Context<AppEnv>,
  body: Html,
  status: ContentfulStatusCode = 200,
): Promise<Response> | Response {
  return c.html(body, status, PAGE_HEADERS);
}

/** 256 random bits, base64url: CSRF tokens. */
function randomToken(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
}

/** The form fields of a POST, read within the body limit; a form is `application/x-www-form-urlencoded`. */
async function formOf(c: Context<AppEnv>): Promise<URLSearchParams> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new PageError(415, 'Unsupported form', 'Forms are posted as application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(
    await readBody(c.req.raw, {
      limit: maxBodyBytes(c.env.MAX_BODY_BYTES),
      encoding: bodyEncoding(c.req.header('Content-Encoding')),
    }),
  );
}

/** Reads the form and checks its CSRF token against the session's, in constant time. */
async function checkedForm(c: Context<AppEnv>, expected: string): Promise<URLSearchParams> {
  const form = await formOf(c);
  if (!constantTimeEqual(form.get('csrf') ?? '', expected)) {
    throw new PageError(
      403,
      'Form refused',
      'The form’s security token is missing or stale: reload the page and try again.',
    );
  }
  return form;
}

async function principalOf(c: Context<AppEnv>, session: Session): Promise<Principal> {
  if (session.kind === 'admin') return { kind: 'admin' };
  const memberships = await c.get('store').membershipsOf(session.email);
  return {
    kind: 'member',
    email: session.email,
    roles: Object.fromEntries(memberships.map((m) => [m.orgId, m.role])),
  };
}

/** The orgs a principal may open: every org for the admin token, the member's own otherwise. */
async function orgsOf(c: Context<AppEnv>, principal: Principal): Promise<OrgRow[]> {
  const orgs = await c.get('store').listOrgs();
  return principal.kind === 'admin' ? orgs : orgs.filter((org) => orgAccess(principal, org.id));
}

interface OrgPage {
  nav: Omit<LayoutNav, 'current'>;
  access: OrgAccess;
  orgId: string;
}

/**
 * The signed-in session and the org of `/orgs/:org_id/**`, checked with the JSON API's rule
 * ({@link orgAccess}): another org's pages are a 404, exactly as a missing org's.
 */
async function orgPage(c: Context<AppEnv>): Promise<OrgPage> {
  const session = c.get('session');
  const orgId = c.req.param('org_id') ?? '';
  const principal = await principalOf(c, session);
  const org = await c.get('store').getOrg(orgId);
  const access = org ? orgAccess(principal, orgId) : undefined;
  if (!org || !access) throw new PageError(404, 'Not found', 'There is no such org, or it is not yours.');
  c.set('principal', principal);
  const who = session.kind === 'admin' ? 'admin token (owner)' : `${session.email} (${access.role})`;
  return { orgId, access, nav: { orgId, orgName: org.name, csrf: session.csrf, who } };
}

function requireManage(access: OrgAccess, what: string): void {
  if (!access.manage) {
    throw new PageError(403, 'Not allowed', `Only an org’s owners and admins can ${what}.`);
  }
}

/** `?page=`: from 1, the first when absent. */
const pageNumberSchema = z.coerce.number().int().min(1).max(100_000).default(1);

/** The query of a dashboard page, checked by `schema`: a bad value is a 400 page naming the parameter. */
function pageQuery<T>(c: Context<AppEnv>, schema: z.ZodType<T>): T {
  // An empty field is an unset one: a GET form sends every select, "any" as "".
  const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PageError(
      400,
      'Bad filter',
      `The filter ${String(issue.path[0])} is not valid: ${issue.message}.`,
    );
  }
  return parsed.data;
}

function scanFilters(c: Context<AppEnv>): ScanFilters {
  const schema = z.object({
    status: z.enum(STATUSES as [string, ...string[]]).optional(),
    severity: z.enum(SEVERITIES as [string, ...string[]]).optional(),
    namespace: z.string().max(253).optional(),
    page: pageNumberSchema,
  });
  return pageQuery(c, schema) as ScanFilters;
}

function requireSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = await readSession(c, deps.now());
    if (!session) return c.redirect('/sign-in', 303);
    c.set('session', session);
    return next();
  };
}

function redirectUri(c: Context<AppEnv>): string {
  return new URL('/sign-in/callback', c.req.url).toString();
}

/**
 * The dashboard at `/` (CONTRACT "Dashboard and sign-in"): server-rendered pages over the same store
 * functions and rules as the JSON API. Only paths of its own carry middleware, so mounting it at `/` does
 * not touch `/api/v2/**`.
 */
export function dashboardRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const fetcher = deps.fetch;
  app.use('/orgs/*', requireSession(deps));

  app.get('/dashboard.css', (c) =>
    c.body(DASHBOARD_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=300' }),
  );
  app.get('/dashboard.js', (c) =>
    c.body(DASHBOARD_JS, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'max-age=300',
    }),
  );

  app.get('/', async (c) => {
    const session = await readSession(c, deps.now());
    if (!session) return c.redirect('/sign-in', 303);
    const orgs = await orgsOf(c, await principalOf(c, session));
    if (orgs.length === 1) return c.redirect(`/orgs/${encodeURIComponent(orgs[0]!.id)}/clusters`, 303);
    return page(c, orgsPage(orgs, session.csrf));
  });

  app.get('/sign-in', async (c) => {
    const oidc = oidcConfigOf(c.env) !== undefined;
    const csrf = randomToken();
    await writeSignInState(c, { csrf });
    return page(c, signInPage({ oidc, csrf }));
  });

  app.post('/sign-in', async (c) => {
    if (oidcConfigOf(c.env)) {
      throw new PageError(404, 'Not found', 'Sign-in is with the identity provider.');
    }
    const pending = await readSignInState(c);
    const form = await formOf(c);
    if (!pending.csrf || !constantTimeEqual(form.get('csrf') ?? '', pending.csrf)) {
      throw new PageError(403, 'Form refused', 'The sign-in form expired: reload the page and try again.');
    }
    const adminToken = c.env.ADMIN_TOKEN;
    if (!adminToken) {
      throw new PageError(403, 'Sign-in disabled', 'No ADMIN_TOKEN is configured, and no OIDC issuer.');
    }
    if (!constantTimeEqual(form.get('admin_token') ?? '', adminToken)) {
      const csrf = randomToken();
      await writeSignInState(c, { csrf });
      return page(c, signInPage({ oidc: false, csrf, error: 'That is not the admin token.' }), 401);
    }
    clearSignInState(c);
    await writeSession(c, { kind: 'admin' }, { now: deps.now(), csrf: randomToken() });
    return c.redirect('/', 303);
  });

  app.get('/sign-in/oidc', async (c) => {
    const config = oidcConfigOf(c.env);
    if (!config) throw new PageError(404, 'Not found', 'No OIDC issuer is configured.');
    const start = await startOidcSignIn(config, { redirectUri: redirectUri(c), fetch: fetcher });
    await writeSignInState(c, { state: start.state, nonce: start.nonce, verifier: start.verifier });
    return c.redirect(start.url, 303);
  });

  app.get('/sign-in/callback', async (c) => {
    const config = oidcConfigOf(c.env);
    if (!config) throw new PageError(404, 'Not found', 'No OIDC issuer is configured.');
    const pending = await readSignInState(c);
    const state = c.req.query('state') ?? '';
    if (!pending.state || !pending.nonce || !pending.verifier || !constantTimeEqual(state, pending.state)) {
      throw new PageError(
        400,
        'Sign-in failed',
        'The sign-in response does not belong to this browser: sign in again.',
      );
    }
    const code = c.req.query('code');
    if (!code) {
      throw new PageError(
        400,
        'Sign-in failed',
        `The identity provider refused: ${c.req.query('error') ?? 'no code'}.`,
      );
    }
    clearSignInState(c);
    const result = await finishOidcSignIn(config, {
      code,
      verifier: pending.verifier,
      nonce: pending.nonce,
      redirectUri: redirectUri(c),
      fetch: fetcher,
      now: deps.now,
    });
    if (!result.ok) throw new PageError(401, 'Sign-in failed', result.reason);
    await writeSession(c, { kind: 'member', email: result.email }, { now: deps.now(), csrf: randomToken() });
    return c.redirect('/', 303);
  });

  app.post('/sign-out', async (c) => {
    const session = await readSession(c, deps.now());
    if (session) await checkedForm(c, session.csrf);
    clearSession(c);
    return c.redirect('/sign-in', 303);
  });

  app.get('/orgs/:org_id', (c) =>
    c.redirect(`/orgs/${encodeURIComponent(c.req.param('org_id'))}/clusters`, 303),
  );

  app.get('/orgs/:org_id/clusters', async (c) => {
    const { nav, orgId } = await orgPage(c);
    const store = c.get('store');
    const accounts = await store.listCloudAccounts(orgId);
    const clusters: ClusterView[] = [];
    for (const account of accounts) {
      const clusterId = account.externalId.replace(/^k8s:/, '');
      // Newest first, so the first scan of each namespace is its latest.
      const scans = await store.listScans(orgId, { clusterId }, 500);
      const latest = new Map<string, (typeof scans)[number]>();
      for (const scan of scans) if (!latest.has(scan.namespace)) latest.set(scan.namespace, scan);
      const rows = await Promise.all(
        [...latest.values()].map(async (scan) => {
          const bySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
          // Ignored items do not count, as in the summary.
          for (const item of await store.driftItems(scan)) if (!item.ignored) bySeverity[item.severity] += 1;
          return { scan, bySeverity };
        }),
      );
      clusters.push({ clusterId, externalId: account.externalId, latest: rows });
    }
    clusters.sort((a, b) => a.clusterId.localeCompare(b.clusterId));
    return page(c, clustersPage({ ...nav, current: 'clusters' }, clusters, deps.now()));
  });

  app.get('/orgs/:org_id/scans/:scan_id', async (c) => {
    const { nav, orgId } = await orgPage(c);
    const filters = scanFilters(c);
    const store = c.get('store');
    const scan = await store.getScan(orgId, c.req.param('scan_id'));
    if (!scan) throw new PageError(404, 'Not found', 'There is no such scan in this org.');
    // Served as the drift route serves them: items stored before changed_by / accepted get their defaults.
    const all = (await store.driftItems(scan)).map(servedDriftItem);
    const namespaces = [...new Set(all.map((item) => item.namespace).filter((ns) => ns !== null))].sort();
    const items = all.filter(
      (item) =>
        (!filters.status || item.status === filters.status) &&
        (!filters.severity || SEVERITY_RANK[item.severity]! >= SEVERITY_RANK[filters.severity]!) &&
        (!filters.namespace || item.namespace === filters.namespace),
    );
    // The history of the items on this page: one query for all of them (the newest events of each, up to
    // this scan, so an older scan's page reads as it did then), not one per item.
    const { shown } = scanPageItems(items, filters.page);
    const events = await store.recentDriftEvents(
      orgId,
      {
        clusterId: scan.clusterId,
        namespace: scan.namespace,
        resourceIds: shown.map((item) => item.resource_id),
        until: scan.createdAt,
      },
      HISTORY_EVENTS_PER_ITEM,
    );
    const now = deps.now();
    const histories = new Map(
      shown.map((item) => [
        item.resource_id,
        itemHistory(
          events.filter((event) => event.resourceId === item.resource_id),
          item,
          now,
        ),
      ]),
    );
    return page(
      c,
      scanPage({ ...nav, current: 'scan' }, scan, {
        items,
        warnings: scan.warnings,
        namespaces,
        filters,
        histories,
      }),
    );
  });

  app.get('/orgs/:org_id/settings', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    return page(c, await settings(c, nav, orgId, access, {}));
  });

  app.post('/orgs/:org_id/settings/api-keys', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    const form = await checkedForm(c, nav.csrf);
    requireManage(access, 'create API keys');
    const scopes = form.getAll('scopes');
    const parsed = createApiKeyRequestSchema.safeParse({ name: form.get('name') ?? '', scopes });
    // Unlike the JSON API's `[]` (unrestricted), a form with no box ticked is more likely a slip than a wish.
    if (!parsed.success || scopes.length === 0) {
      const error = !parsed.success
        ? issuesText('The key', parsed.error.issues)
        : 'Choose the key’s scopes: read, write or both.';
      return page(c, await settings(c, nav, orgId, access, { error }), 400);
    }
    const { key, rawKey } = await mintApiKey({
      store: c.get('store'),
      orgId,
      name: parsed.data.name,
      scopes: parsed.data.scopes,
      pepper: c.env.API_KEY_PEPPER,
      now: deps.now,
      newId: deps.newId,
    });
    return page(c, await settings(c, nav, orgId, access, { newKey: { name: key.name, rawKey } }), 201);
  });

  app.get('/orgs/:org_id/settings/api-keys/:key_id/revoke', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    requireManage(access, 'revoke API keys');
    const key = (await c.get('store').listApiKeys(orgId)).find((k) => k.id === c.req.param('key_id'));
    if (!key) throw new PageError(404, 'Not found', 'There is no such key in this org.');
    return page(c, revokeKeyPage({ ...nav, current: 'settings' }, key));
  });

  app.post('/orgs/:org_id/settings/api-keys/:key_id/revoke', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    await checkedForm(c, nav.csrf);
    requireManage(access, 'revoke API keys');
    const revoked = await c.get('store').revokeApiKey(orgId, c.req.param('key_id'), deps.now().toISOString());
    if (!revoked) throw new PageError(404, 'Not found', 'There is no such key in this org.');
    return page(c, await settings(c, nav, orgId, access, { notice: 'The key is revoked.' }));
  });

  app.post('/orgs/:org_id/settings/members', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    const form = await checkedForm(c, nav.csrf);
    requireManage(access, 'manage members');
    const parsed = memberSchema.safeParse({ email: form.get('email'), role: form.get('role') });
    if (!parsed.success) {
      const error = 'Give a valid email and a role (owner, admin or viewer).';
      return page(c, await settings(c, nav, orgId, access, { error }), 400);
    }
    await c.get('store').putMember({ orgId, ...parsed.data, createdAt: deps.now().toISOString() });
    return page(
      c,
      await settings(c, nav, orgId, access, { notice: `${parsed.data.email} is a ${parsed.data.role}.` }),
    );
  });

  app.post('/orgs/:org_id/settings/members/role', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    const form = await checkedForm(c, nav.csrf);
    requireManage(access, 'manage members');
    const parsed = memberSchema.safeParse({ email: form.get('email'), role: form.get('role') });
    const store = c.get('store');
    const existing = parsed.success
      ? (await store.listMembers(orgId)).find((m) => m.email === parsed.data.email.toLowerCase())
      : undefined;
    if (!parsed.success || !existing) {
      return page(
        c,
        await settings(c, nav, orgId, access, { error: 'No such member, or no such role.' }),
        400,
      );
    }
    await store.putMember({ ...existing, role: parsed.data.role });
    return page(
      c,
      await settings(c, nav, orgId, access, { notice: `${existing.email} is a ${parsed.data.role}.` }),
    );
  });

  app.post('/orgs/:org_id/settings/members/remove', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    const form = await checkedForm(c, nav.csrf);
    requireManage(access, 'manage members');
    const email = form.get('email') ?? '';
    if (!(await c.get('store').removeMember(orgId, email))) {
      return page(c, await settings(c, nav, orgId, access, { error: 'No such member.' }), 400);
    }
    return page(c, await settings(c, nav, orgId, access, { notice: `${email} is no longer a member.` }));
  });

  app.get('/orgs/:org_id/notifications', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    return page(c, await notifications(c, nav, orgId, access, {}));
  });

  app.post('/orgs/:org_id/notifications', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    const form = await checkedForm(c, nav.csrf);
    requireManage(access, 'create webhooks');
    const fields: WebhookForm = {
      url: form.get('url') ?? '',
      events: form.getAll('events'),
      minSeverity: form.get('min_severity') ?? '',
      format: form.get('format') ?? '',
    };
    // The JSON API's schema and its one create function (SSRF check included), so the two agree.
    const parsed = createWebhookRequestSchema.safeParse({
      url: fields.url,
      events: fields.events,
      min_severity: fields.minSeverity,
      format: fields.format,
    });
    if (!parsed.success) {
      const error = issuesText('The webhook', parsed.error.issues);
      const urlError = parsed.error.issues.some((issue) => issue.path[0] === 'url');
      return page(c, await notifications(c, nav, orgId, access, { error, urlError, form: fields }), 400);
    }
    try {
      const created = await createWebhook({
        store: c.get('store'),
        orgId,
        request: parsed.data,
        pepper: c.env.API_KEY_PEPPER,
        localMode: isLocalMode(c.env),
        resolve: deps.resolveHost,
        now: deps.now,
        newId: deps.newId,
      });
      return page(c, await notifications(c, nav, orgId, access, { created }), 201);
    } catch (error) {
      if (!(error instanceof ProblemError) || error.code !== 'invalid_webhook_url') throw error;
      return page(
        c,
        await notifications(c, nav, orgId, access, { error: error.message, urlError: true, form: fields }),
        400,
      );
    }
  });

  app.get('/orgs/:org_id/notifications/:webhook_id', async (c) => {
    const { nav, orgId } = await orgPage(c);
    const { page: wanted } = pageQuery(c, z.object({ page: pageNumberSchema }));
    const webhook = await webhookOf(c, orgId);
    const store = c.get('store');
    const read = (n: number) =>
      store.listDeliveries(orgId, webhook.id, {
        limit: DELIVERIES_PAGE_SIZE,
        offset: (n - 1) * DELIVERIES_PAGE_SIZE,
      });
    let result = await read(wanted);
    if (!result) throw webhookNotFound();
    const pages = Math.max(1, Math.ceil(result.total / DELIVERIES_PAGE_SIZE));
    // Past the last page (deliveries went with retention, say): the last page, as the Scan page does.
    const shown = Math.min(wanted, pages);
    if (shown !== wanted) result = (await read(shown)) ?? result;
    return page(
      c,
      webhookDeliveriesPage(
        { ...nav, current: 'notifications' },
        { webhook, deliveries: result.deliveries, page: shown, pages, total: result.total },
      ),
    );
  });

  app.get('/orgs/:org_id/notifications/:webhook_id/delete', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    requireManage(access, 'delete webhooks');
    const webhook = await webhookOf(c, orgId);
    const org = encodeURIComponent(orgId);
    return page(
      c,
      confirmPage(
        { ...nav, current: 'notifications' },
        {
          title: 'Delete webhook',
          heading: `Delete the webhook to ${displayUrl(webhook.url)}?`,
          message: html`Nothing more is sent to it, and its deliveries (pending ones too) and their
            attempts are removed. This cannot be undone.`,
          action: `/orgs/${org}/notifications/${encodeURIComponent(webhook.id)}/delete`,
          button: 'Yes, delete this webhook',
          cancel: `/orgs/${org}/notifications`,
        },
      ),
    );
  });

  app.post('/orgs/:org_id/notifications/:webhook_id/delete', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    await checkedForm(c, nav.csrf);
    requireManage(access, 'delete webhooks');
    if (!(await c.get('store').deleteWebhook(orgId, c.req.param('webhook_id')))) throw webhookNotFound();
    return page(c, await notifications(c, nav, orgId, access, { notice: 'The webhook is deleted.' }));
  });

  app.get('/orgs/:org_id/ignore-rules', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    const text = (await c.get('store').getIgnoreRules(orgId)) ?? '';
    return page(c, ignoreRulesPage({ ...nav, current: 'ignore-rules' }, { text, write: access.write }));
  });

  app.post('/orgs/:org_id/ignore-rules', async (c) => {
    const { nav, orgId, access } = await orgPage(c);
    const form = await checkedForm(c, nav.csrf);
    if (!access.write)
      throw new PageError(403, 'Not allowed', 'Your role can read the rules but not change them.');
    // A textarea posts CRLF line ends (HTML's form serialization); the API stores what a file would hold.
    const text = (form.get('rules') ?? '').replaceAll('\r\n', '\n');
    const navOf = { ...nav, current: 'ignore-rules' as const };
    try {
      // The same parser as PUT …/driftignore, so a rule the API refuses is refused here with the same line.
      parseIgnoreRules(text);
    } catch (error) {
      if (!(error instanceof DriftwiseError)) throw error;
      return page(
        c,
        ignoreRulesPage(navOf, { text, write: true, error: { line: error.line, message: error.message } }),
        400,
      );
    }
    await c.get('store').putIgnoreRules(orgId, text, deps.now().toISOString());
    return page(c, ignoreRulesPage(navOf, { text, write: true, saved: true }));
  });

  app.onError((error, c) => {
    if (error instanceof PageError) {
      return page(c, messagePage({ title: error.title, message: error.message }), error.status);
    }
    if (error instanceof ProblemError && error.status < 500) {
      return page(c, messagePage({ title: 'Request refused', message: error.message }), error.status);
    }
    console.error('unexpected dashboard error', c.req.method, c.req.path, error);
    return page(
      c,
      messagePage({ title: 'Something went wrong', message: 'The server could not show this page.' }),
      500,
    );
  });
  return app;
}

const memberSchema = z.object({
  email: z.email().max(320),
  role: z.enum(ROLES as [MemberRole, ...MemberRole[]]),
});

async function settings(
  c: Context<AppEnv>,
  nav: Omit<LayoutNav, 'current'>,
  orgId: string,
  access: OrgAccess,
  extra: { newKey?: { name: string; rawKey: string }; error?: string; notice?: string },
): Promise<Html> {
  const store = c.get('store');
  const [keys, members] = await Promise.all([store.listApiKeys(orgId), store.listMembers(orgId)]);
  return settingsPage({ ...nav, current: 'settings' }, { keys, members, manage: access.manage, ...extra });
}

const webhookNotFound = () => new PageError(404, 'Not found', 'There is no such webhook in this org.');

/** The webhook of `:webhook_id`, if it is the org's (another org's is a 404, as a missing one). */
async function webhookOf(c: Context<AppEnv>, orgId: string) {
  const id = c.req.param('webhook_id');
  const webhook = (await c.get('store').listWebhooks(orgId)).find((w) => w.id === id);
  if (!webhook) throw webhookNotFound();
  return webhook;
}

async function notifications(
  c: Context<AppEnv>,
  nav: Omit<LayoutNav, 'current'>,
  orgId: string,
  access: OrgAccess,
  extra: Omit<NotificationsView, 'webhooks' | 'latest' | 'manage'>,
): Promise<Html> {
  const store = c.get('store');
  const [webhooks, latest] = await Promise.all([store.listWebhooks(orgId), store.latestDeliveries(orgId)]);
  return notificationsPage(
    { ...nav, current: 'notifications' },
    { webhooks, latest, manage: access.manage, ...extra },
  );
}
