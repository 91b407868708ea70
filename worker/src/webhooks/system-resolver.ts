import { lookup } from 'node:dns/promises';
import type { ResolveHost } from './check-webhook-url.ts';

/**
 * The Node and Deno resolver of webhook hosts: the system's (`node:dns` `lookup`), every address (A and
 * AAAA), so one private answer among public ones is enough to refuse. Not for Workers (no `node:dns` there).
 *
 * @example
 * await systemResolver('hooks.example.com') // ['93.184.216.34', '2606:2800:…']
 */
export const systemResolver: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
