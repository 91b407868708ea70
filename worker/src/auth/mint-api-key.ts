import type { ApiKeyRow, Store } from '../store/store.ts';
import { API_KEY_PREFIX_LENGTH, generateApiKey, hashApiKey } from './api-key.ts';

/** Options of {@link mintApiKey}: what to create, and the injected clock, ids and pepper. */
export interface MintApiKeyOptions {
  store: Store;
  orgId: string;
  name: string;
  scopes: readonly string[];
  pepper: string | undefined;
  now: () => Date;
  newId: () => string;
}

/**
 * Creates an org's API key and returns its row with the raw key. The JSON API and the dashboard's Settings
 * page both call this, so there is one place that decides what a key is and what is stored of it.
 *
 * @example
 * const { key, rawKey } = await mintApiKey({ store, orgId, name: 'operator', scopes: ['write'], pepper, now, newId });
 */
export async function mintApiKey(options: MintApiKeyOptions): Promise<{ key: ApiKeyRow; rawKey: string }> {
  const { store, orgId, name, scopes, pepper, now, newId } = options;
  if (!pepper) throw new Error('API_KEY_PEPPER is not configured');
  const rawKey = generateApiKey();
  const key: ApiKeyRow = {
    id: newId(),
    orgId,
    name,
    scopes: [...new Set(scopes)],
    prefix: rawKey.slice(0, API_KEY_PREFIX_LENGTH),
    keyHash: await hashApiKey(rawKey, pepper),
    createdAt: now().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await store.createApiKey(key);
  return { key, rawKey };
}
