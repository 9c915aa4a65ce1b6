/**
 * What XML allows where RDF/XML puts RDF terms: a predicate or a type becomes an element name, which must
 * be a namespace plus an NCName (XML Namespaces 1.0 on XML 1.0, fifth edition); literal text and IRIs in
 * attributes are escaped so that an XML parser reads back the same characters.
 */

/** XML 1.0 NameStartChar without ':' (an NCName cannot hold one). */
const NAME_START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D'
  + '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
const IS_NAME_START = new RegExp(`^[${NAME_START}]$`, 'u');
const IS_NAME_CHAR = new RegExp(`^[${NAME_CHAR}]$`, 'u');
/** Characters XML 1.0 cannot hold at all, not even as a character reference. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** A quick look first (UTF-16 units): controls, U+FFFE/U+FFFF, or a surrogate, which may be part of a good pair. */
const MAYBE_NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function isNcName(text: string): boolean {
  return NCNAME.test(text);
}

/**
 * The longest NCName that ends `iri`, as [namespace, local name], or undefined if none does (an IRI that
 * ends in '/', a digit after a non-name character, …). Linear in the IRI's length.
 */
export function splitAtNcName(iri: string): [string, string] | undefined {
  const chars = Array.from(iri);
  let start = -1;
  for (let i = chars.length - 1; i >= 0 && IS_NAME_CHAR.test(chars[i]!); i -= 1) {
    if (IS_NAME_START.test(chars[i]!)) start = i;
  }
  if (start <= 0) return undefined;
  const namespace = chars.slice(0, start).join('');
  return [namespace, iri.slice(namespace.length)];
}

/** The first character of `text` that XML 1.0 cannot hold, or undefined. */
export function notXmlChar(text: string): string | undefined {
  return MAYBE_NOT_XML_CHAR.test(text) ? NOT_XML_CHAR.exec(text)?.[0] : undefined;
}

/**
 * Element text: & < and " as rdflib escapes them (the published dumps keep those bytes), and what else
 * an XML parser would not give back as written: '>' closing ']]>', and a carriage return (which XML
 * reads as a line feed).
 */
export function escapeText(text: string): string {
  const escaped = text.replace(/[&<"\r]/g, (c) => TEXT_ESCAPES[c]!);
  return escaped.includes(']]>') ? escaped.replaceAll(']]>', ']]&gt;') : escaped;
}

/** An attribute value in double quotes: as element text, and tab and line feed, which XML reads as spaces. */
export function escapeAttribute(text: string): string {
  const escaped = text.replace(/[&<"\r\n\t]/g, (c) => TEXT_ESCAPES[c]!);
  return escaped.includes(']]>') ? escaped.replaceAll(']]>', ']]&gt;') : escaped;
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '"': '&quot;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;',
};

/** `U+0001`: how an error names a character. */
export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
