/**
 * The serializers and the validator use private internals of four packages (below, with where). A new
 * version may rename or change them and so change the published bytes, so each is pinned to an exact
 * version in package.json, and the version installed is that one.
 *
 * That the serializers still write the committed bytes of the current release, every format, is
 * test/build.test.ts's first test ("makes exactly the committed dist/"): a fresh build of every file of
 * dist/ compared byte for byte with the committed one. An upgrade that changes a byte fails there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

interface Internal {
  /** The package whose version is pinned in package.json (a direct dependency). */
  pinned: string;
  /** The package the internal belongs to, when it is a dependency of the pinned one. */
  owner?: string;
  file: string;
  /** Text of the line that uses the internal. */
  use: string;
  what: string;
}

const INTERNALS: Internal[] = [
  { pinned: 'n3', file: 'src/serialize/rdf-text.ts', use: '(Writer.prototype as unknown as EncodesIris)._encodeIriOrBlank', what: "N3.js Writer's private _encodeIriOrBlank, wrapped for portable prefixed names" },
  { pinned: 'rdflib', file: 'src/serialize/rdfxml.ts', use: 'new (rdflib.Serializer as unknown', what: "rdflib's Serializer prefix table (prefixes, suggestNamespaces, suggestPrefix)" },
  { pinned: 'rdflib', file: 'src/serialize/rdfxml.ts', use: 'serializer.prefixes[ns] || serializer.makeUpPrefix(ns)', what: "rdflib's Serializer.makeUpPrefix" },
  { pinned: 'rdflib', file: 'src/serialize/rdfxml.ts', use: 'serializer.namespaces = Object.assign([], setUp.namespaces)', what: "rdflib's Serializer tables that makeUpPrefix writes (prefixes, namespaces), copied for each document" },
  { pinned: 'jsonld', file: 'src/serialize/jsonld-flat.ts', use: "require('jsonld/lib/compact.js')", what: "jsonld.js's private lib/compact.js" },
  { pinned: 'jsonld', file: 'src/serialize/jsonld-flat.ts', use: "require('jsonld/lib/context.js')", what: "jsonld.js's private lib/context.js" },
  { pinned: 'jsonld', file: 'src/serialize/jsonld-flat.ts', use: "require('jsonld/lib/util.js')", what: "jsonld.js's private lib/util.js" },
  { pinned: 'shacl-engine', file: 'src/build/validate.ts', use: 'new validator.shapesPtr.constructor(', what: "shacl-engine's pointer class" },
  { pinned: 'grapoi', owner: 'grapoi', file: 'src/build/validate.ts', use: "Object.getOwnPropertyDescriptor(owner, 'dataset')", what: "grapoi PathList's dataset getter, replaced (through shacl-engine)" },
];

const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;

describe('packages whose private internals the project uses', () => {
  const manifest = json('package.json') as { dependencies: Record<string, string> };
  const lock = json('package-lock.json') as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };

  it.each(INTERNALS)('$pinned: $what ($file) is used where listed', ({ file, use }) => {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    const at = lines.findIndex((line) => line.includes(use));
    expect(at, `${file} no longer has "${use}": update this list`).toBeGreaterThanOrEqual(0);
  });

  it.each([...new Set(INTERNALS.map((i) => i.pinned))])('%s is pinned to one exact version, the one installed and locked', (name) => {
    const declared = manifest.dependencies[name];
    expect(declared, `${name} in package.json dependencies`).toMatch(/^\d+\.\d+\.\d+$/);
    expect(json(`node_modules/${name}/package.json`).version).toBe(declared);
    expect(lock.packages[`node_modules/${name}`]?.version).toBe(declared);
    expect(lock.packages['']?.dependencies?.[name]).toBe(declared);
  });
});
