/**
 * A full garbage collection on demand, for the build between two large steps. V8 sizes its heap by how
 * fast the program allocates, not by what it keeps: a million-triple build keeps some 700 MB, yet its
 * heap grew past 2.4 GB of mostly garbage while the dumps were made one after another. Collecting between
 * dumps lets each one start from what is kept. gc() is not exposed without --expose-gc; the flag is set
 * at run time and gc() taken from a new context, as Jest does for its heap reports (jest-leak-detector).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
