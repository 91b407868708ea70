import { describe, expect, it } from 'vitest';
import { sha256HexCases } from './sha256-hex-cases.ts';

describe('sha256Hex (workerd)', () => {
  it('uses node:crypto here too (workerd has process.getBuiltinModule at this compatibility date)', () => {
    const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    expect(typeof process?.getBuiltinModule?.('node:crypto')).toBe('object');
  });

  sha256HexCases();
});
