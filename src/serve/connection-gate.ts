/**
 * Limits on the connections a client can hold open: every connection takes a file handle, and a client
 * that opens thousands and sends nothing would otherwise take every handle the process has, so that no
 * one else can connect. Three rules, applied as each connection is accepted:
 *
 * - at most `maxPerAddress` open connections from one address: more are answered `429 Too Many Requests`
 *   and closed, without reading their request;
 * - at most `maxConnections` in all, below the process's file-handle limit (options.ts), so that files,
 *   pipes and other clients always find a handle: more are answered `503` and closed;
 * - a connection that has not sent a request within `idleTimeoutMs` of opening is closed (after an answer,
 *   Node's keepAliveTimeout does the same for an idle keep-alive connection).
 *
 * The address is the socket's own: behind a reverse proxy every client shares the proxy's address, so
 * there the per-address cap should be raised to what the proxy may open.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  maxConnections: number;
  maxPerAddress: number;
  idleTimeoutMs: number;
}

export interface ConnectionStats {
  open: number;
  /** Connections closed at once because their address had too many open. */
  refusedPerAddress: number;
  /** Connections closed at once because the server had too many open. */
  refusedTotal: number;
  /** Connections closed because they sent no request in time. */
  idleClosed: number;
}

export function gateConnections(server: Server, limits: ConnectionLimits): ConnectionStats {
  const stats: ConnectionStats = { open: 0, refusedPerAddress: 0, refusedTotal: 0, idleClosed: 0 };
  const perAddress = new Map<string, number>();
  /** The sockets that have not sent a request yet, with the timer that closes them. */
  const waiting = new WeakMap<Socket, NodeJS.Timeout>();

  // Before Node's own listener, so that a refused connection is closed before any request on it is read.
  server.prependListener('connection', (socket: Socket) => {
    const address = clientAddress(socket);
    const fromAddress = perAddress.get(address) ?? 0;
    if (fromAddress >= limits.maxPerAddress) {
      stats.refusedPerAddress += 1;
      return refuse(socket, 429, 'Too Many Requests', `this address has ${fromAddress} connections open, the most this server allows one client; reuse them (keep-alive) or close some`);
    }
    if (stats.open >= limits.maxConnections) {
      stats.refusedTotal += 1;
      return refuse(socket, 503, 'Service Unavailable', 'the server has as many connections open as it allows; try again shortly');
    }
    stats.open += 1;
    perAddress.set(address, fromAddress + 1);
    const timer = setTimeout(() => {
      stats.idleClosed += 1;
      socket.destroy();
    }, limits.idleTimeoutMs);
    timer.unref();
    waiting.set(socket, timer);
    socket.once('close', () => {
      clearTimeout(timer);
      stats.open -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left === 0) perAddress.delete(address); else perAddress.set(address, left);
    });
  });
  // Node's own parser reads the socket (no 'data' events): the first request is the first sign of life.
  server.on('request', (request: { socket: Socket }) => {
    const timer = waiting.get(request.socket);
    if (timer !== undefined) {
      clearTimeout(timer);
      waiting.delete(request.socket);
    }
  });
  return stats;
}

/** IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d: one client, one address. */
function clientAddress(socket: Socket): string {
  const address = socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * A short HTTP answer on a connection whose request is never read, and the connection closed at once (its
 * handle is what the limit protects). The answer goes straight to the kernel's empty send buffer; a client
 * whose request had already arrived may see the connection reset instead (the kernel resets a connection
 * closed with unread data).
 */
function refuse(socket: Socket, status: number, reason: string, message: string): void {
  const body = `${status} ${reason}: ${message}\n`;
  socket.on('error', () => { /* the client went away: nothing to tell it */ });
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
    + `Connection: close\r\nCache-Control: no-store\r\n${status === 503 ? 'Retry-After: 1\r\n' : ''}\r\n${body}`);
  socket.destroy();
}
