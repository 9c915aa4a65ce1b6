/**
 * A Memento TimeMap (RFC 7089 §5.1.1) in the CoRE Link Format (RFC 6690, application/link-format):
 * the original resource, the TimeMap itself, the TimeGate, and every memento with its datetime, oldest
 * first, the first and last marked as such. One link a line, separated by commas (RFC 7089 §5.1.1 writes
 * them so); no other white space, as the grammar of RFC 6690 has none.
 */

export const LINK_FORMAT = 'application/link-format';

export interface TimeMapInput {
  /** URIs (absolute, or relative to the TimeMap's own URI) of the original resource, the TimeMap, the TimeGate. */
  original: string;
  self: string;
  timegate: string;
  /** Oldest first; `datetime` is an RFC 1123 date. */
  mementos: Array<{ uri: string; datetime: string }>;
}

export function timeMap(input: TimeMapInput): string {
  const { mementos } = input;
  const links = [
    `<${uri(input.original)}>;rel="original"`,
    `<${uri(input.self)}>;rel="self";type="${LINK_FORMAT}"${mementos.length > 0 ? `;from="${mementos[0]!.datetime}";until="${mementos.at(-1)!.datetime}"` : ''}`,
    `<${uri(input.timegate)}>;rel="timegate"`,
    ...mementos.map((m, i) => `<${uri(m.uri)}>;rel="${mementoRel(i, mementos.length)}";datetime="${m.datetime}"`),
  ];
  return `${links.join(',\n')}\n`;
}

/** "first memento", "last memento", "first last memento" (the only one) or "memento". */
export function mementoRel(index: number, count: number): string {
  return [index === 0 ? 'first' : '', index === count - 1 ? 'last' : '', 'memento'].filter((w) => w !== '').join(' ');
}

/** A URI-Reference inside <…>: no character that would end it or break the line. */
function uri(value: string): string {
  if (/[<>\s"]/.test(value)) throw new Error(`a link target cannot hold <, >, a quote or white space: ${JSON.stringify(value)}`);
  return value;
}
