/**
 * The build's SHACL validation, as a child process of the build (started by src/build/validate-apart.ts): it
 * receives the build's graph as a QuadIndex's parts (src/rdf/quad-index.ts), loads the shapes, validates,
 * sends back one message, and ends. Apart, it runs on another core while the build writes the dumps, and
 * with a young generation of its own size (the validation makes short-lived objects by the million).
 */
import { ValidationFailedError } from '../core/errors.js';
import { loadShapes } from '../rdf/load.js';
import { QuadIndex } from '../rdf/quad-index.js';
import { validateGraph } from './validate.js';
import type { ValidationReply, ValidationRequest } from './validate-apart.js';

const send = process.send?.bind(process);
if (send === undefined) throw new Error('validate-process runs as a child of the build only (it needs an IPC channel)');

process.once('message', (request: ValidationRequest) => {
  void validate(request).then((reply) => send(reply, () => process.disconnect()));
});

async function validate({ root, base, graph }: ValidationRequest): Promise<ValidationReply> {
  try {
    const { warnings } = await validateGraph(QuadIndex.fromParts(graph), loadShapes(root, base));
    return { warnings };
  } catch (error) {
    if (error instanceof ValidationFailedError) return { violations: error.violations };
    return { failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
