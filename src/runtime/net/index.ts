// Public face of outbound HTTP: the guarded fetch and the address policy behind it.
export { guardedFetch, redactUrl, DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS } from './guarded-fetch.js';
export type { GuardedRequestInit, GuardOptions, GuardedResponse } from './guarded-fetch.js';
export { assertPublicAddress, isPublicAddress, isIpLiteral } from './address-policy.js';
export { guardedLookup, publicOnlyLookup, type AddressPolicy } from './guarded-lookup.js';
export { NetError, isNetError, type NetErrorCode } from './errors.js';
