/**
 * Content negotiation (RFC 9110 §12.5.1): parses an Accept header into media ranges with their quality
 * values, and picks the server's best offer.
 *
 * An offer's quality is the q of the most specific range that matches it (`text/turtle` before `text/*`
 * before `*\/*`; a range with parameters before one without), so `text/*;q=0.5, text/turtle` gives Turtle
 * q=1 and CSV q=0.5, and `*\/*, text/csv;q=0` refuses CSV. Among offers of equal quality, one that the client
 * named explicitly wins over one it only reached through a wildcard, then the server's order decides. An
 * absent (or entirely unreadable) header accepts everything, so the first offer wins.
 */

export interface MediaRange {
  type: string;
  subtype: string;
  /** Parameters other than q, lower-cased names. */
  params: Record<string, string>;
  q: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The media ranges of an Accept header, in header order; malformed elements are skipped. */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined) return [];
  const ranges: MediaRange[] = [];
  for (const element of splitOutsideQuotes(header, ',')) {
    const [mediaType, ...parameters] = splitOutsideQuotes(element, ';').map((part) => part.trim());
    const slash = mediaType?.indexOf('/') ?? -1;
    if (!mediaType || slash < 0) continue;
    const type = mediaType.slice(0, slash).toLowerCase();
    const subtype = mediaType.slice(slash + 1).toLowerCase();
    if (!TOKEN.test(type) || !TOKEN.test(subtype) || (type === '*' && subtype !== '*')) continue;
    const params: Record<string, string> = {};
    let q = 1;
    let valid = true;
    for (const parameter of parameters) {
      if (parameter === '') continue;
      const equals = parameter.indexOf('=');
      if (equals < 0) { valid = false; break; }
      const name = parameter.slice(0, equals).trim().toLowerCase();
      let value = parameter.slice(equals + 1).trim();
      if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
      if (name === 'q') {
        if (!/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value)) { valid = false; break; }
        q = Number(value);
        break; // what follows q is accept-ext, which says nothing about the media type
      }
      params[name] = value;
    }
    if (valid) ranges.push({ type, subtype, params, q });
  }
  return ranges;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '\\' && i + 1 < text.length) { current += c + text[++i]; continue; }
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) { parts.push(current); current = ''; } else current += c;
  }
  parts.push(current);
  return parts;
}

/** 0 for *\/*, 1 for type/*, 2 for type/subtype, 3 for type/subtype;with=parameters. */
function specificity(range: MediaRange): number {
  if (range.type === '*') return 0;
  if (range.subtype === '*') return 1;
  return Object.keys(range.params).length > 0 ? 3 : 2;
}

/**
 * Parameters do not restrict a match: we always send UTF-8, and a JSON-LD profile (compacted, expanded)
 * asks for a shape of the same media type, which is better served than refused.
 */
function matches(range: MediaRange, type: string, subtype: string): boolean {
  return (range.type === '*' || range.type === type) && (range.subtype === '*' || range.subtype === subtype);
}

export interface Preference {
  mediaType: string;
  q: number;
  /** How specifically the winning range named the offer (see specificity). */
  specificity: number;
}

/** The quality the ranges give one offer: that of the most specific matching range, 0 if none matches. */
export function quality(ranges: MediaRange[], offer: string): Preference {
  const [type = '', subtype = ''] = offer.toLowerCase().split('/');
  let best: MediaRange | undefined;
  for (const range of ranges) {
    if (!matches(range, type, subtype)) continue;
    if (best === undefined || specificity(range) > specificity(best)) best = range;
  }
  return { mediaType: offer, q: best?.q ?? 0, specificity: best ? specificity(best) : -1 };
}

/**
 * The best of `offers` (media types without parameters, in the server's order of preference) for an
 * Accept header, or undefined when the client accepts none of them (406).
 */
export function negotiate(header: string | undefined, offers: readonly string[]): string | undefined {
  if (offers.length === 0) return undefined;
  const ranges = parseAccept(header);
  if (ranges.length === 0) return offers[0];
  let best: Preference | undefined;
  for (const offer of offers) {
    const preference = quality(ranges, offer);
    if (preference.q <= 0) continue;
    if (best === undefined || preference.q > best.q || (preference.q === best.q && preference.specificity > best.specificity)) best = preference;
  }
  return best?.mediaType;
}
