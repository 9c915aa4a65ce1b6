/**
 * Release dates as Memento (RFC 7089) speaks of them: a release is in force from its date (00:00:00 GMT)
 * until the next one; Accept-Datetime and Memento-Datetime are HTTP dates (RFC 1123, always GMT).
 */
import { readRelease, RELEASE_FILE, type ReleaseDate } from './release.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The instant a release took effect: its date (YYYY-MM-DD) at midnight GMT. */
export function releaseInstant(release: ReleaseDate): Date {
  return new Date(`${release.date}T00:00:00Z`);
}

/** An instant as an RFC 1123 date, e.g. "Wed, 02 Dec 2026 00:00:00 GMT" (Date#toUTCString's form). */
export function httpDate(instant: Date): string {
  return instant.toUTCString();
}

/**
 * Reads an Accept-Datetime header: exactly an RFC 1123 date in GMT (RFC 7089 §2.1.1), the day of the week
 * matching the date. Undefined when it is anything else.
 */
export function parseHttpDate(value: string): Date | undefined {
  const match = /^\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT\s*$/.exec(value);
  if (match === null) return undefined;
  const [, day, dd, mon, yyyy, hh, mm, ss] = match;
  const instant = new Date(Date.UTC(Number(yyyy), MONTHS.indexOf(mon!), Number(dd), Number(hh), Number(mm), Number(ss)));
  // Date.UTC rolls 31 Feb over into March and 24:00 into the next day: such a date is no date.
  if (instant.getUTCDate() !== Number(dd) || instant.getUTCHours() !== Number(hh) || instant.getUTCMinutes() !== Number(mm)
    || instant.getUTCSeconds() !== Number(ss) || DAYS[instant.getUTCDay()] !== day) return undefined;
  return instant;
}

/**
 * The release in force at an instant, among `releases` (oldest first): the last one dated at or before it.
 * Before the first release, the first (RFC 7089 §4.5.3: a date before the first memento gets the first).
 */
export function releaseAt<T extends ReleaseDate>(releases: readonly T[], instant: Date): T | undefined {
  let chosen = releases[0];
  for (const release of releases) if (releaseInstant(release).getTime() <= instant.getTime()) chosen = release;
  return chosen;
}

/**
 * The release date (YYYY-MM-DD) of `version`, from data/release.json's "releases" (or "modified" for the
 * current version): a released folder's packages (its RO-Crate's datePublished) need their own version's
 * date. Read from the file, never the clock, so that a rebuild writes the same bytes.
 */
export function releaseDate(root: string, version: string): string {
  const release = readRelease(root);
  const date = release.releases.find((r) => r.version === version)?.date ?? (version === release.version ? release.modified : undefined);
  if (date === undefined) throw new Error(`${RELEASE_FILE}: "releases" gives no date for version ${version}, which its packages (RO-Crate datePublished) need`);
  return date;
}
