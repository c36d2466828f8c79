// Decides which IP addresses outbound requests may reach: only globally routable unicast.
import ipaddr from 'ipaddr.js';
import { NetError } from './errors.js';

const PRIVATE_NETWORK_HINT =
  'If this upstream really lives on a private network, set `allowPrivateNetwork: true` on the tool (or `server.allowPrivateNetwork`).';

/**
 * True when `address` (an IP literal, IPv6 with or without brackets) is a public unicast
 * address. Everything else is refused: private, loopback, link-local, CGNAT, multicast,
 * broadcast, unspecified, documentation/reserved ranges, unique-local IPv6, and IPv6 forms that
 * embed an IPv4 address (mapped, NAT64, 6to4) when the embedded address is not public.
 * Teredo and other tunnelling/reserved IPv6 ranges are refused outright.
 */
export function isPublicAddress(address: string): boolean {
  const literal = stripBrackets(address);
  if (!ipaddr.isValid(literal)) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(literal);
  } catch {
    return false;
  }
  return isPublicParsed(parsed);
}

function isPublicParsed(parsed: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'unicast') return true;
  // Forms that carry an IPv4 address are judged by that address.
  if (range === 'ipv4Mapped' || range === 'rfc6145') return isPublicParsed(v6.toIPv4Address());
  if (range === 'rfc6052') return isPublicParsed(embeddedTail(v6));
  if (range === '6to4') return isPublicParsed(embedded6to4(v6));
  return false;
}

/** Throws a `blocked_address` NetError unless `address` is public (see isPublicAddress). */
export function assertPublicAddress(address: string, hostname?: string): void {
  if (!isPublicAddress(address)) throw refusedAddress(address, hostname);
}

/** The error for an address the policy refused, naming the host it came from. */
export function refusedAddress(address: string, hostname?: string): NetError {
  const label = hostname && stripBrackets(hostname) !== stripBrackets(address) ? `${hostname} (${address})` : address;
  return new NetError('blocked_address', `Refused to connect to ${label}: not a public internet address.`, PRIVATE_NETWORK_HINT);
}

/** True when `host` is an IP literal (IPv6 may be bracketed, as in URL.hostname). */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(stripBrackets(host));
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

// NAT64 (64:ff9b::/96, 64:ff9b:1::/48): the IPv4 address is the last 32 bits.
function embeddedTail(v6: ipaddr.IPv6): ipaddr.IPv4 {
  const p = v6.parts;
  const hi = p[6] ?? 0;
  const lo = p[7] ?? 0;
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

// 6to4 (2002::/16): the IPv4 address is bits 16..48.
function embedded6to4(v6: ipaddr.IPv6): ipaddr.IPv4 {
  const p = v6.parts;
  const hi = p[1] ?? 0;
  const lo = p[2] ?? 0;
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}
