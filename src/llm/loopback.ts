import { isIP } from 'node:net';

/**
 * True for a URL whose host is this machine by address: 127.0.0.0/8, ::1 (also as an IPv4-mapped
 * ::ffff:127.x address) or the name localhost. Any other name could resolve anywhere, so it counts
 * as remote.
 */
export function isLoopbackUrl(raw: string): boolean {
  let host: string;
  try {
    host = new URL(raw).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.split('.')[0] === '127';
  if (isIP(host) === 6) {
    if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host) ?? /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.exec(host);
    if (mapped?.[1] !== undefined) return mapped[1].split('.')[0] === '127';
    return mapped !== null;
  }
  return false;
}
