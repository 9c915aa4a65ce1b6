/**
 * A port in use, or a host that cannot be listened on, said at once: serve's start-up (the graph, the pages,
 * the query processes) takes seconds before the server itself listens, and only then would the listen fail.
 */
import { createServer } from 'node:net';
import type { ResolvedOptions } from '../serve/options.js';
import { listenError } from './serve.js';

/**
 * Listens on the host and port and closes again; throws the UsageError the server's own listen would give.
 * An error the command line has no words for is left to that listen. The port can still be taken between
 * the two: the server's listen reports it the same way.
 */
export async function probeListen(options: ResolvedOptions): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ port: options.port, host: options.host, exclusive: true }, resolve);
    });
  } catch (error) {
    const explained = listenError(error, options);
    if (explained !== error) throw explained;
    return;
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
