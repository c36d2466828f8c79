import { describe, expect, it } from 'vitest';
import { assertPublicAddress, isIpLiteral, isPublicAddress, NetError } from '../../../src/runtime/net/index.js';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.255.255.254', '10.0.0.1', '10.255.1.2', '172.16.0.1', '172.31.255.255', '192.168.1.1',
    '169.254.169.254', '100.64.0.1', '100.127.255.255', '0.0.0.0', '255.255.255.255', '224.0.0.1', '239.1.2.3',
    '192.0.2.10', '198.18.0.1', '240.0.0.1',
    '::1', '[::1]', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '[::ffff:127.0.0.1]', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254',
    '64:ff9b::a00:1', '64:ff9b::7f00:1', '2002:7f00:1::1', '2002:a00:1::', '2001::1', '2001:db8::1', 'fec0::1',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '[2a00:1450:4001:81b::200e]', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    'allows %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it('treats non-addresses as not public', () => {
    expect(isPublicAddress('localhost')).toBe(false);
    expect(isPublicAddress('')).toBe(false);
    expect(isPublicAddress('999.1.1.1')).toBe(false);
  });
});

describe('assertPublicAddress', () => {
  it('throws a blocked_address NetError naming the host and the fix', () => {
    let caught: unknown;
    try {
      assertPublicAddress('127.0.0.1', 'localhost');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(NetError);
    expect((caught as NetError).code).toBe('blocked_address');
    expect((caught as NetError).message).toContain('localhost (127.0.0.1)');
    expect((caught as NetError).hint).toContain('allowPrivateNetwork');
  });

  it('returns quietly for a public address', () => {
    expect(() => assertPublicAddress('8.8.4.4')).not.toThrow();
  });
});

describe('isIpLiteral', () => {
  it('recognises bracketed IPv6 as URL.hostname gives it', () => {
    expect(isIpLiteral(new URL('http://[::1]:80/').hostname)).toBe(true);
    expect(isIpLiteral('127.0.0.1')).toBe(true);
    expect(isIpLiteral('example.com')).toBe(false);
  });
});
