/**
 * Whether lib/ holds the compiled form of the current src/ and client/: many tests run `lib/cli.js` in a child
 * process, so a test run straight through vitest (`npx vitest run test/x.test.ts`, which compiles nothing) would
 * otherwise test whatever was compiled last.
 *
 * src/: TypeScript's incremental build info (lib/.tsbuildinfo) keeps the SHA-256 of every source it compiled;
 * a source whose text has another hash, or that it never saw, was changed after the last compile. Hashes rather
 * than times, since tsc leaves its output alone for a source that was touched but not changed.
 * client/: esbuild rewrites its bundles on every build, so a client file newer than the oldest bundle is enough.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const COMPILE = 'npm run compile';
const BUNDLES = ['lib/assets/query-page.js', 'lib/assets/query-page.css', 'lib/assets/sparql-sw.js', 'lib/assets/search.js'];

interface BuildInfo {
  fileNames: string[];
  fileInfos: Array<string | { version: string }>;
  errors?: boolean;
  semanticDiagnosticsPerFile?: unknown[];
  affectedFilesPendingEmit?: unknown[];
}

const filesUnder = (dir: string, keep: (name: string) => boolean): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(keep).map((name) => join(dir, name)).sort();

/** Why lib/ is not the compiled form of src/ and client/ (one line, naming a file and the command), or undefined. */
export function notCompiledReason(root: string): string | undefined {
  const infoFile = join(root, 'lib', '.tsbuildinfo');
  if (!existsSync(join(root, 'lib', 'cli.js')) || !existsSync(infoFile)) return `lib/ is not compiled: run \`${COMPILE}\``;
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as Partial<BuildInfo>;
  if (!Array.isArray(info.fileNames) || !Array.isArray(info.fileInfos)) {
    throw new Error(`${infoFile}: not TypeScript's build info as this check knows it (fileNames, fileInfos); see test/preflight/compiled.ts`);
  }
  if (info.errors === true || (info.semanticDiagnosticsPerFile?.length ?? 0) > 0 || (info.affectedFilesPendingEmit?.length ?? 0) > 0) {
    return `src/ did not compile cleanly the last time: run \`${COMPILE}\` and fix what it reports`;
  }
  const compiled = new Map<string, string>();
  info.fileNames.forEach((name, index) => {
    const fileInfo = info.fileInfos![index];
    compiled.set(join(root, 'lib', name), typeof fileInfo === 'string' ? fileInfo : fileInfo?.version ?? '');
  });
  for (const source of filesUnder(join(root, 'src'), (name) => name.endsWith('.ts'))) {
    const hash = createHash('sha256').update(readFileSync(source, 'utf8')).digest('hex');
    if (compiled.get(source) !== hash) return `${relative(root, source)} changed since lib/ was compiled: run \`${COMPILE}\``;
  }
  const missingBundle = BUNDLES.find((bundle) => !existsSync(join(root, bundle)));
  if (missingBundle !== undefined) return `${missingBundle} is not built: run \`${COMPILE}\``;
  const oldestBundle = Math.min(...BUNDLES.map((bundle) => statSync(join(root, bundle)).mtimeMs));
  const newerClient = filesUnder(join(root, 'client'), (name) => /\.(ts|js|css)$/.test(name)).find((file) => statSync(file).mtimeMs > oldestBundle);
  if (newerClient !== undefined) return `${relative(root, newerClient)} changed since lib/assets/ was built: run \`${COMPILE}\``;
  return undefined;
}
