// Who may use the emulator's own pages (the dev console, the docs page's
// token picker): a person at this machine. A connection from loopback,
// addressed to a loopback host name (a page whose own name was pointed at
// 127.0.0.1, DNS rebinding, is not), and not relayed (a tunnel to the laptop
// arrives from loopback too, with forwarding headers).
import type { FastifyRequest } from 'fastify';

const isLoopback = (ip: string) => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1']);

export function fromThisMachine(request: FastifyRequest): boolean {
  const headers = request.headers;
  return (
    isLoopback(request.ip) &&
    LOOPBACK_NAMES.has(hostName(request)) &&
    headers.forwarded === undefined &&
    headers['x-forwarded-for'] === undefined &&
    headers.via === undefined
  );
}

/** The Host header's name (no port, no IPv6 brackets), lower-cased. */
export function hostName(request: FastifyRequest): string {
  const host = (request.headers.host ?? '').toLowerCase();
  const bracketed = /^\[([^\]]+)\](:\d+)?$/.exec(host);
  return bracketed ? bracketed[1]! : host.replace(/:\d+$/, '');
}

/** Asked for by a page of this origin (browsers send Sec-Fetch-Site on every fetch): no other site's page can make the call. */
export const fromPageOfThisOrigin = (request: FastifyRequest): boolean => request.headers['sec-fetch-site'] === 'same-origin';
