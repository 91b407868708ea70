import { toHex } from './to-hex.ts';

/** The part of `node:crypto` used here. */
interface NodeHashing {
  createHash(algorithm: 'sha256'): {
    update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string };
  };
}

/**
 * `node:crypto` where the runtime has it as a built-in: Node ≥ 22.3, Deno, and workerd at this
 * worker's compatibility date all have `process.getBuiltinModule` (a runtime without it gets WebCrypto).
 * On Node, WebCrypto's `digest` is a thread-pool job per call: for the 5,000 small texts of one report
 * (content and match hashes) that cost more than the hashing itself, while `createHash` hashes in place.
 * Same bytes (UTF-8, a lone surrogate as U+FFFD in both), same digest (tests on Node and in workerd).
 */
const nodeHashing = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeHashing | undefined;

/**
 * SHA-256 of a string's UTF-8 bytes, as lowercase hex (`node:crypto`'s `createHash` where the runtime has
 * it built in, else WebCrypto).
 *
 * @example
 * await sha256Hex('abc') // 'ba7816bf…'
 */
export async function sha256Hex(text: string): Promise<string> {
  if (nodeHashing) return nodeHashing.createHash('sha256').update(text, 'utf8').digest('hex');
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
