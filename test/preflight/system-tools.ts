/**
 * The programs outside npm that the test suite runs, each with the Debian package that provides it and why the
 * tests need it. One list for both sides: the preflight (global-setup.ts) checks it before any test runs, and
 * the installer (install-and-test.ts) installs what it lacks through apt-get.
 *
 * The locations are the ones the tests launch (`/usr/bin/chromium-headless-shell`, `/usr/sbin/apache2`, `/usr/bin/virtuoso-t`,
 * `/usr/bin/python3`, `/usr/bin/Rscript`; rapper and git through PATH). They are parameters so that a test of the preflight can
 * point one at a folder where it is missing.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface ToolLocations {
  /** The PATH on which rapper, git and (as root) chattr are looked up, as the tests' spawn() does. */
  path: string;
  chromium: string;
  apache2: string;
  /** Apache's module folder: the w3id.org test loads mod_rewrite, mod_headers, mod_alias and mod_mime from it. */
  apacheModules: string;
  virtuoso: string;
  /** Virtuoso's SQL client, through which the store tests run its bulk loader. */
  isql: string;
  python: string;
  /** R's script runner, which runs the R recipes of docs/recipes/. */
  rscript: string;
  /** Root's tests make a folder immutable with chattr (a mode does not stop root). */
  root: boolean;
}

export const TOOL_LOCATIONS: ToolLocations = {
  path: process.env.PATH ?? '',
  chromium: '/usr/bin/chromium-headless-shell',
  apache2: '/usr/sbin/apache2',
  apacheModules: '/usr/lib/apache2/modules',
  virtuoso: '/usr/bin/virtuoso-t',
  isql: '/usr/bin/isql-vt',
  python: '/usr/bin/python3',
  rscript: '/usr/bin/Rscript',
  root: process.getuid?.() === 0,
};

export interface SystemTool {
  /** What is looked for, as the message names it: a program, a file, or a Python module. */
  what: string;
  /** The Debian package that provides it. */
  debianPackage: string;
  /** Why the tests need it, for the installer's notice. */
  why: string;
  present(): boolean;
}

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const isReadable = (file: string): boolean => {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};
const onPath = (command: string, path: string): boolean => path.split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, command)));
const pythonImports = (python: string, module: string): boolean =>
  isExecutable(python) && spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
const rLoads = (rscript: string, library: string): boolean =>
  isExecutable(rscript) && spawnSync(rscript, ['-e', `library(${library})`], { stdio: 'ignore' }).status === 0;

/** Every tool the suite needs, in the order the installer names them. */
export function systemTools(locations: ToolLocations): SystemTool[] {
  const tools: SystemTool[] = [
    { what: 'rapper on PATH', debianPackage: 'raptor2-utils', present: () => onPath('rapper', locations.path),
      why: 'Raptor, an independent RDF parser (rapper, and its library libraptor2 loaded once for the site\'s 2,000 RDF/XML files): it reads every dump and the endpoint\'s RDF/XML' },
    { what: `${locations.python} with rdflib`, debianPackage: 'python3-rdflib', present: () => pythonImports(locations.python, 'rdflib'),
      why: 'Python rdflib: a second engine for the differential query tests and a client of the endpoint' },
    { what: `${locations.python} with SPARQLWrapper`, debianPackage: 'python3-sparqlwrapper', present: () => pythonImports(locations.python, 'SPARQLWrapper'),
      why: 'SPARQLWrapper, a common Python client, asks the endpoint for RDF/XML and XML' },
    { what: `${locations.python} with pandas`, debianPackage: 'python3-pandas', present: () => pythonImports(locations.python, 'pandas'),
      why: 'pandas reads statements.csv with the types of its data package, and runs in the Python recipes of docs/recipes/' },
    { what: locations.rscript, debianPackage: 'r-base-core', present: () => isExecutable(locations.rscript),
      why: 'R runs the R recipes of docs/recipes/ (read.csv over statements.csv)' },
    { what: `${locations.rscript} with httr`, debianPackage: 'r-cran-httr', present: () => rLoads(locations.rscript, 'httr'),
      why: 'httr, R\'s HTTP client, sends the R recipe\'s query to the endpoint' },
    { what: `${locations.rscript} with jsonlite`, debianPackage: 'r-cran-jsonlite', present: () => rLoads(locations.rscript, 'jsonlite'),
      why: 'jsonlite reads the endpoint\'s SPARQL JSON results into an R data frame in the R recipe' },
    { what: locations.chromium, debianPackage: 'chromium-headless-shell', present: () => isExecutable(locations.chromium),
      why: 'Chromium\'s headless shell, the real browser of the page, site and query-editor tests (driven by playwright-core; nothing is downloaded)' },
    { what: locations.apache2, debianPackage: 'apache2', present: () => isExecutable(locations.apache2),
      why: 'the w3id.org redirect rules (.htaccess, mod_rewrite) are tested in a real Apache on a loopback port' },
    { what: join(locations.apacheModules, 'mod_rewrite.so'), debianPackage: 'apache2', present: () => isReadable(join(locations.apacheModules, 'mod_rewrite.so')),
      why: 'Apache\'s rewrite module, which the w3id.org rules use' },
    { what: locations.virtuoso, debianPackage: 'virtuoso-opensource-7-bin', present: () => isExecutable(locations.virtuoso),
      why: 'a real Virtuoso, which the differential, load --into and serve --backend tests start on loopback ports' },
    { what: locations.isql, debianPackage: 'virtuoso-opensource-7-bin', present: () => isExecutable(locations.isql),
      why: 'Virtuoso\'s SQL client, which runs its bulk loader' },
    { what: 'git on PATH', debianPackage: 'git', present: () => onPath('git', locations.path),
      why: 'the released-versions test reads the released dumps from the repository\'s history' },
  ];
  if (locations.root) {
    tools.push({ what: 'chattr on PATH', debianPackage: 'e2fsprogs', present: () => onPath('chattr', locations.path),
      why: 'run as root, the atomic-build test makes a folder immutable, since a mode does not stop root' });
  }
  return tools;
}

/** The tools that are not there, in list order. */
export function missingSystemTools(locations: ToolLocations = TOOL_LOCATIONS): SystemTool[] {
  return systemTools(locations).filter((tool) => !tool.present());
}

/** The Debian packages that provide `tools`, each once, in list order. */
export function debianPackages(tools: SystemTool[]): string[] {
  return [...new Set(tools.map((tool) => tool.debianPackage))];
}

/** The command that installs the tools and runs the whole suite (package.json's script, which CI runs too). */
export const INSTALL_AND_TEST = 'npm run test:debian';

/** The one message the preflight stops with: what is missing, and the two ways to get it. */
export function missingToolsMessage(missing: SystemTool[]): string {
  return [
    'asm-kg tests: this machine lacks programs the test suite runs, so no test was run:',
    ...missing.map((tool) => `  ${tool.what} (Debian package ${tool.debianPackage})`),
    'Install them:',
    `  apt-get install --no-install-recommends ${debianPackages(missing).join(' ')}`,
    `or, as root on Debian or Ubuntu, install them and run the tests in one step: ${INSTALL_AND_TEST}`,
    '',
  ].join('\n');
}
