/**
 * Guards for fetching URLs that came from arguments (untrusted): https only, and no private, loopback,
 * link-local or otherwise internal address — checked on the address actually connected to (after DNS,
 * for every redirect hop), so DNS rebinding cannot slip through.
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { ToolsmithError } from '../errors.js';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64],
] as const) blocked.addSubnet(network, prefix, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

export interface UrlPolicy {
  /**
   * Testing only: also allow loopback addresses (127.0.0.0/8, ::1) and plain http to them, so tests can serve
   * files from a local server. Never enable in production: it lets arguments reach services on the host.
   */
  readonly allowLoopback?: boolean;
}

/** The IPv4 address embedded in an IPv4-mapped or NAT64 IPv6 address, if any. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (match) return match[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1] ?? '0', 16);
  const low = Number.parseInt(hex[2] ?? '0', 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** True when an address must not be fetched under the policy. */
export function isForbiddenAddress(address: string, policy: UrlPolicy = {}): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const mapped = family === 6 ? embeddedIpv4(address) : undefined;
  const [target, type] = mapped ? [mapped, 'ipv4' as const] : [address, family === 4 ? 'ipv4' as const : 'ipv6' as const];
  if (policy.allowLoopback && loopback.check(target, type)) return false;
  return blocked.check(target, type);
}

/** Checks scheme and literal hosts before connecting; hostnames are checked at connect time by `guardedLookup`. */
export function checkUrl(raw: string, policy: UrlPolicy = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ToolsmithError('URL_REJECTED', 'The file URL is not a valid absolute URL.');
  }
  const loopbackHttp = policy.allowLoopback && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new ToolsmithError('URL_REJECTED', `Only https URLs are accepted for files (got ${url.protocol}).`);
  }
  if (url.username || url.password) throw new ToolsmithError('URL_REJECTED', 'File URLs must not carry user info.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && isForbiddenAddress(host, policy)) {
    throw new ToolsmithError('URL_REJECTED', `The file URL points to a private or internal address (${host}).`);
  }
  if (loopbackHttp && isIP(host) === 0 && host !== 'localhost') {
    throw new ToolsmithError('URL_REJECTED', 'Plain http is accepted only for loopback test servers.');
  }
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for node:http(s) that refuses forbidden addresses, so the check covers the connected address. */
export function guardedLookup(policy: UrlPolicy): (hostname: string, options: object, callback: LookupCallback) => void {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) { callback(error, []); return; }
      const list = addresses as LookupAddress[];
      const bad = list.find((entry) => isForbiddenAddress(entry.address, policy));
      if (bad || list.length === 0) {
        const refusal = new ToolsmithError('URL_REJECTED', `The file URL's host ${hostname} resolves to a private or internal address.`);
        callback(refusal as unknown as NodeJS.ErrnoException, []);
        return;
      }
      if ((options as { all?: boolean }).all) callback(null, list);
      else callback(null, list[0]?.address ?? '', list[0]?.family);
    });
  };
}
