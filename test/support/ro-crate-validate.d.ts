// ro-crate exports validate() from its JavaScript (index.js) but not from its type declarations; this is the
// part the tests use (lib/validator.js).
import 'ro-crate';

declare module 'ro-crate' {
  export interface ValidationResult { id: string; status: 'error' | 'warning' | 'success'; message: string; clause?: string | null; entity?: string }
  /** The crate's JSON (or an ROCrate), and the files of an attached crate's folder to check it against. */
  export function validate(crate: unknown, files?: Record<string, unknown>): Promise<ValidationResult[]>;
}
