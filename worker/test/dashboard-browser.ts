import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import type { AppEnv } from '../src/app-env.ts';
import { writeSession } from '../src/dashboard/session.ts';
import * as schema from '../src/store/schema.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import type { MemberRole } from '../src/store/store.ts';
import { ADMIN_TOKEN, call } from './helpers.ts';

/** How a test reaches the worker: the deployed entry (`call`), or an app built with injected dependencies. */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

/** A browser's cookies, as far as these tests need: name → value, updated from every Set-Cookie. */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly #fetcher: Fetcher;

  constructor(fetcher: Fetcher = call) {
    this.#fetcher = fetcher;
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await this.#fetcher(path, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=', 2) as [string, string];
      if (/Max-Age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** POSTs a form, with the CSRF token of `page` unless `csrf` says otherwise. */
  post(path: string, fields: Record<string, string | string[]>, csrf: string | null): Promise<Response> {
    const form = new URLSearchParams();
    if (csrf !== null) form.set('csrf', csrf);
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
    }
    return this.fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }

  /** The CSRF token of a page's forms. */
  async csrfOf(path: string): Promise<string> {
    const html = await (await this.fetch(path)).text();
    const match = /name="csrf" value="([^"]+)"/.exec(html);
    if (!match) throw new Error(`no CSRF token on ${path}`);
    return match[1]!;
  }
}

/** A browser signed in with the admin token through the sign-in form. */
export async function signedInAdmin(fetcher: Fetcher = call): Promise<Browser> {
  const browser = new Browser(fetcher);
  const csrf = await browser.csrfOf('/sign-in');
  const response = await browser.post('/sign-in', { admin_token: ADMIN_TOKEN }, csrf);
  if (response.status !== 303) throw new Error(`sign-in: ${response.status}`);
  return browser;
}

/** A member's browser: the session cookie made by the worker's own writeSession, as OIDC sign-in does. */
export async function signedInMember(
  orgId: string,
  role: MemberRole,
  fetcher: Fetcher = call,
): Promise<Browser> {
  const email = `${crypto.randomUUID().slice(0, 8)}@example.com`;
  await new SqlStore(drizzle(env.DB!, { schema })).putMember({
    orgId,
    email,
    role,
    createdAt: new Date().toISOString(),
  });
  const minter = new Hono<AppEnv>().get('/', async (c) => {
    await writeSession(c, { kind: 'member', email }, { now: new Date(), csrf: `csrf-${email}` });
    return c.body(null, 204);
  });
  const response = await minter.request('https://driftwise.test/', {}, env);
  const browser = new Browser(fetcher);
  const [pair] = response.headers.get('Set-Cookie')!.split(';');
  const [name, value] = pair!.split('=', 2) as [string, string];
  browser.cookies.set(name, value);
  return browser;
}
