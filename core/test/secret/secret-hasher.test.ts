import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../src/secret/base64.ts';
import { redactSecret } from '../../src/secret/redact-secret.ts';
import { isSecretHash, secretHasher, textBytes } from '../../src/secret/secret-hasher.ts';

describe('secretHasher', () => {
  it('matches the RFC 4231 HMAC-SHA-256 test case 2', () => {
    const hash = secretHasher('Jefe')(textBytes('what do ya want for nothing?'));
    expect(hash).toBe('hmac-sha256:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('gives different hashes under different keys', () => {
    const value = textBytes('hunter2');
    expect(secretHasher('a')(value)).not.toBe(secretHasher('b')(value));
  });

  it('is recognised by isSecretHash', () => {
    expect(isSecretHash(secretHasher('k')(textBytes('x')))).toBe(true);
    expect(isSecretHash('x')).toBe(false);
  });
});

describe('decodeBase64', () => {
  it.each([
    ['aHVudGVyMg==', 'hunter2'],
    ['aHVudGVyMg', 'hunter2'],
    ['', ''],
    ['Zm9vYmFy', 'foobar'],
  ])('decodes %s', (input, expected) => {
    expect(new TextDecoder().decode(decodeBase64(input)!)).toBe(expected);
  });

  it.each(['not base64!', 'a', 'aGk==='])('returns null for %s', (input) => {
    expect(decodeBase64(input)).toBeNull();
  });
});

describe('redactSecret', () => {
  const hash = secretHasher('k');

  it('hashes plain data the same as the equal base64 data', () => {
    const plain = redactSecret({ data: { p: 'hunter2' } }, hash, { data: 'plain' });
    const encoded = redactSecret({ data: { p: 'aHVudGVyMg==' } }, hash, { data: 'base64' });
    expect(plain.data).toEqual(encoded.data);
  });

  it('folds stringData and binaryData into data, stringData winning', () => {
    const out = redactSecret(
      { data: { a: 'eA==' }, stringData: { a: 'y', b: 'z' }, binaryData: { c: 'dw==' } },
      hash,
      { data: 'base64' },
    );
    expect(out).toEqual({
      data: { a: hash(textBytes('y')), b: hash(textBytes('z')), c: hash(textBytes('w')) },
    });
  });
});
