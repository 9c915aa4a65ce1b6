/**
 * The client a query is run for, whose share of the query processes applies (pool/scheduler.ts): the
 * request's address (Fastify's request.ip, which is X-Forwarded-For's only behind a proxy trusted with
 * --trust-proxy). A request from the loopback interface is nobody's: it comes from the machine itself, or
 * from a reverse proxy on it that was not declared with --trust-proxy, where every public client would
 * be one client and one share would serialise them all. Such requests keep the pool's plain rules.
 */
export function clientOf(ip: string): string | undefined {
  return isLoopback(ip) ? undefined : ip;
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || /^(?:::ffff:)?127\./.test(ip);
}
