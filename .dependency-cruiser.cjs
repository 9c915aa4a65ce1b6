/**
 * The layers of src/ and what each may import (README, "Map of the code"): `npm run lint:layers` checks
 * every import of src/ and client/ against them, and test/layers.test.ts runs the same check.
 *
 * Order: core → rdf → serialize → describe → build, and rdf → query → render → serve | site | load-into →
 * cli. A folder imports only the folders before it (and itself); serve, site and load-into are siblings
 * and never import each other. The browser code (client/) imports only pure modules.
 */
const LAYERS = {
  core: [],
  rdf: ['core'],
  serialize: ['core', 'rdf'],
  describe: ['core', 'rdf', 'serialize'],
  query: ['core', 'rdf', 'serialize'],
  // The build checks that both engines answer the catalogue alike (build --check-engines).
  build: ['core', 'rdf', 'serialize', 'describe', 'query'],
  render: ['core', 'rdf', 'serialize', 'describe', 'query'],
  serve: ['core', 'rdf', 'serialize', 'describe', 'query', 'render'],
  site: ['core', 'rdf', 'serialize', 'describe', 'query', 'render'],
  'load-into': ['core', 'rdf', 'serialize', 'query'],
  // A tool for the editors (npm run echoes:candidates), apart from the pipeline.
  editorial: ['core'],
  cli: ['core', 'rdf', 'serialize', 'describe', 'query', 'build', 'render', 'serve', 'site', 'load-into'],
};

/**
 * What the browser bundles may import: modules with no Node built-ins and no server state. Besides core/,
 * serialize/, the syntax-error message and Accept negotiation, and the merged default graph (n3 only),
 * which the service worker shares with the engines.
 */
const CLIENT_MAY_IMPORT = [
  'src/core/', 'src/serialize/', 'src/query/syntax-error\\.ts$', 'src/serve/accept\\.ts$',
  'src/query/default-graph\\.ts$',
];

const alternatives = (paths) => `^(${paths.join('|')})`;

const layerRules = Object.entries(LAYERS).map(([layer, below]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ imports only ${below.length === 0 ? 'itself' : `src/{${below.join(',')}}/ and itself`}`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: '^src/', pathNot: alternatives([layer, ...below].map((l) => `src/${l}/`)) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycle between files: each module can be read, tested and moved on its own',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'every module of src/ is imported or is an entry point (index.ts, cli.ts, the child processes, a script)',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: '\\.d\\.ts$' },
      to: {},
    },
    ...layerRules,
    {
      name: 'client-pure-modules',
      comment: `client/ (browser code) imports from src/ only ${CLIENT_MAY_IMPORT.join(', ')}`,
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^src/', pathNot: alternatives(CLIENT_MAY_IMPORT) },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
