function ipv4Private(address: string): boolean {
  const parts = address.split('.').map(Number);
  const [a = 0, b = 0, c = 0] = parts;
  return (
    a === 0 || // "this" network
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (and cloud metadata, 169.254.169.254)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved
  );
}

/** True for a dotted IPv4 literal. */
export function isIpv4(text: string): boolean {
  return (
    /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text) &&
    text.split('.').every((p) => Number(p) <= 255)
  );
}

/**
 * True when an IP address (v4 dotted, or v6, with or without brackets) is private, loopback, link-local,
 * unspecified, multicast or otherwise not a public unicast address (RFC 6890): a webhook must not reach it.
 * Anything that is not a recognisable address counts as private, so a parser gap never lets one through.
 *
 * @example
 * isPrivateAddress('10.0.0.5') // true
 * isPrivateAddress('93.184.216.34') // false
 */
export function isPrivateAddress(address: string): boolean {
  const text = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIpv4(text)) return ipv4Private(text);
  if (!text.includes(':')) return true;
  const mapped =
    /^(?:0*:)*:?(?:0*:)?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (mapped?.[1]) return ipv4Private(mapped[1]);
  if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(text)) return true; // mapped v4 in hex: refuse
  if (text === '::' || text === '::1') return true;
  const first = Number.parseInt(text.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 || // multicast
    first === 0 // ::/8 and the other reserved low blocks
  );
}
