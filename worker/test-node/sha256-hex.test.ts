import { describe } from 'vitest';
import { sha256HexCases } from '../test/sha256-hex-cases.ts';

describe('sha256Hex (Node)', () => {
  sha256HexCases();
});
