/**
 * The build's validation in a child process (src/build/validate-process.ts), so that it runs beside the dumps
 * rather than before them: on a million triples SHACL is the largest part of a build's CPU, and the dumps
 * most of the rest. The child gets the build's graph as a QuadIndex's typed arrays and term ids (copied
 * once over IPC, not parsed again); the build swaps its new release in only once the child has answered
 * with no violation (src/build/build.ts), so a graph that fails validation still leaves the old dist/ in place.
 *
 * The child's young generation is 64 MiB semi-spaces instead of V8's 16: shacl-engine makes millions of
 * short-lived objects, and with the default, garbage collection was 40% of a million-triple validation's
 * CPU (`node --cpu-prof`; docs/scale.md, "Where the build's time goes", gives the figures).
 */
import { fork } from 'node:child_process';
import { childModule } from '../core/child-module.js';
import type { QuadIndex, QuadIndexParts } from '../rdf/quad-index.js';
import { ValidationFailedError, type Violation } from '../core/errors.js';
import type { ValidationOutcome } from './validate.js';

export interface ValidationRequest {
  /** Where the shapes are read from (src/core/sources.ts), and the base IRI they are rebased onto. */
  root: string;
  base: string;
  /** The graph to validate: the build's own, as loaded (src/rdf/load.ts), not read again. */
  graph: QuadIndexParts;
}

/** The child's one message: its warnings, the violations that fail the build, or why it could not validate. */
export type ValidationReply = { warnings: Violation[] } | { violations: Violation[] } | { failure: string };

const V8_FLAGS = ['--max-semi-space-size=64'];

/** How much of the child's stderr is kept (its end), to say why it died. */
const STDERR_TAIL = 4096;

export interface ValidationApart {
  /** The warnings; rejects with ValidationFailedError as validateGraph would, or with why the child failed. */
  outcome: Promise<ValidationOutcome>;
  /** Ends the child if it still runs (the build failed on its own). */
  stop(): void;
}

export function validateApart(root: string, base: string, graph: QuadIndex): ValidationApart {
  const { module, execArgv } = childModule(import.meta.url, 'validate-process', V8_FLAGS);
  const child = fork(module, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-STDERR_TAIL); });
  const outcome = new Promise<ValidationOutcome>((resolve, reject) => {
    let reply: ValidationReply | undefined;
    child.once('message', (message: ValidationReply) => { reply = message; });
    child.once('error', reject);
    // 'close', not 'exit': it comes after the IPC channel has delivered everything the child sent.
    child.once('close', (code, signal) => {
      if (reply === undefined) {
        const why = signal === null ? `exit code ${code}` : `signal ${signal}`;
        reject(new Error(`The validation process ended without an answer (${why})${stderr.trim() === '' ? '' : `:\n${stderr.trim()}`}`));
      } else if ('warnings' in reply) resolve({ warnings: reply.warnings });
      else if ('violations' in reply) reject(new ValidationFailedError(reply.violations));
      else reject(new Error(`The validation process failed: ${reply.failure}`));
    });
  });
  // A rejection nobody awaits yet (the build is still writing dumps) is not an unhandled one.
  outcome.catch(() => undefined);
  child.send({ root, base, graph: graph.parts() } satisfies ValidationRequest);
  return { outcome, stop: () => { if (child.exitCode === null && child.signalCode === null) child.kill(); } };
}
