import { describe, expect, it } from 'vitest';
import { DriftwiseError } from '../../src/errors.ts';
import { decodeBase64 } from '../../src/secret/base64.ts';
import { redactSecret } from '../../src/secret/redact-secret.ts';
import { isSecretHash, parseSecretHash, secretHasher, textBytes } from '../../src/secret/secret-hasher.ts';

describe('secretHasher', () => {
  it('matches the RFC 4231 HMAC-SHA-256 test case 2', () => {
    const hash = secretHasher('Jefe', 'k1test')(textBytes('what do ya want for nothing?'));
    expect(hash).toBe('hmac-sha256:k1test:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('names its key id', () => {
    expect(secretHasher('Jefe', 'k1abc').keyId).toBe('k1abc');
  });

  it('refuses a key id that could not be read back from a hash', () => {
    expect(() => secretHasher('Jefe', 'a:b')).toThrow(TypeError);
  });

  it('gives different hashes under different keys', () => {
    const value = textBytes('hunter2');
    expect(secretHasher('a', 'k1test')(value)).not.toBe(secretHasher('b', 'k1test')(value));
  });

  it('is recognised by isSecretHash', () => {
    expect(isSecretHash(secretHasher('k', 'k1test')(textBytes('x')))).toBe(true);
    expect(isSecretHash('x')).toBe(false);
  });
});

describe('parseSecretHash', () => {
  it('reads the key id and hex of a well-formed hash', () => {
    const hash = secretHasher('k', 'k1x')(textBytes('v'));
    expect(parseSecretHash(hash)).toEqual({ keyId: 'k1x', hex: hash.slice('hmac-sha256:k1x:'.length) });
  });

  it.each([
    'hmac-sha256:',
    'hmac-sha256:k1:abc',
    `hmac-sha256:k1:${'A'.repeat(64)}`,
    `hmac-sha256::${'a'.repeat(64)}`,
    `hmac-sha256:k1:${'a'.repeat(65)}`,
  ])('returns null for %s', (value) => {
    expect(parseSecretHash(value)).toBeNull();
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
  const hash = secretHasher('k', 'k1test');

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

describe('redactSecret with hashed values accepted', () => {
  const hash = secretHasher('k', 'k1own');
  const secret = (data: Record<string, string>) => ({ kind: 'Secret', metadata: { name: 's' }, data });

  it('keeps a value hashed in the cluster with the same key', () => {
    const inCluster = hash(textBytes('hunter2'));
    const out = redactSecret(secret({ password: inCluster }), hash, { data: 'base64', hashed: 'accept' });
    expect(out.data).toEqual({ password: inCluster });
  });

  it('gives the same hash for a plain value and the value hashed in the cluster', () => {
    const plain = redactSecret(secret({ password: btoa('hunter2') }), hash, {
      data: 'base64',
      hashed: 'accept',
    });
    expect(plain.data).toEqual({ password: hash(textBytes('hunter2')) });
  });

  it('refuses a value hashed under another key id, naming its path', () => {
    const other = secretHasher('k', 'k1other')(textBytes('hunter2'));
    const run = () => redactSecret(secret({ password: other }), hash, { data: 'base64', hashed: 'accept' });
    expect(run).toThrow(DriftwiseError);
    try {
      run();
    } catch (error) {
      expect((error as DriftwiseError).issues.map((issue) => issue.path)).toEqual(['data.password']);
    }
  });

  it('refuses a malformed hashed value', () => {
    const run = () =>
      redactSecret({ kind: 'Secret', stringData: { token: 'hmac-sha256:k1own:zz' } }, hash, {
        data: 'base64',
        hashed: 'accept',
      });
    expect(run).toThrow(/stringData.token is not a well-formed hashed value/);
  });

  it('hashes a hash-looking value of a state file like any other value', () => {
    const looksHashed = 'hmac-sha256:k1own:zz';
    const out = redactSecret({ kind: 'Secret', data: { v: looksHashed } }, hash, { data: 'plain' });
    expect(out.data).toEqual({ v: hash(textBytes(looksHashed)) });
  });
});
