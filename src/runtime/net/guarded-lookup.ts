// A DNS lookup hook for node:net that refuses disallowed addresses, so a socket only ever
// connects to an address that was checked (no window for DNS rebinding between check and connect).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPublicAddress, refusedAddress } from './address-policy.js';
import { NetError } from './errors.js';

type LookupOptions = { family?: number | string; all?: boolean; hints?: number; verbatim?: boolean; order?: string };

/** Decides whether a resolved or literal IP address may be connected to. */
export type AddressPolicy = (address: string) => boolean;

/**
 * A net/http `lookup` option: resolves like dns.lookup, then refuses when ANY answer fails the
 * policy (a mixed answer is how rebinding attacks hide).
 */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    const opts = typeof options === 'object' && options !== null ? options : {};
    dnsLookup(hostname, { ...opts, all: true } as { all: true }, (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
      if (err) {
        callback(new NetError('dns_failure', `Could not resolve ${hostname} (${err.code ?? err.message}).`, 'Check the host name in the URL.', { cause: err }));
        return;
      }
      const refused = addresses.find((a) => !policy(a.address));
      if (refused) {
        callback(refusedAddress(refused.address, hostname));
        return;
      }
      const first = addresses[0];
      if (!first) {
        callback(new NetError('dns_failure', `${hostname} resolved to no addresses.`));
        return;
      }
      if (opts.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  }) as unknown as LookupFunction;
}

/** The default hook: public unicast addresses only. */
export const publicOnlyLookup: LookupFunction = guardedLookup(isPublicAddress);
