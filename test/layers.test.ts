/**
 * The layers of the code (.dependency-cruiser.cjs; README, "Map of the code"): dependency-cruiser, through
 * its API, finds no import cycle, no orphan module and no import against the layer order in src/ and
 * client/. A planted tree (test/fixtures/layers/) shows that each rule does report what it forbids, so the
 * check cannot pass by reporting nothing.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = join(import.meta.dirname, '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const FIXTURE = join(ROOT, 'test/fixtures/layers');

interface Finding { rule: string; from: string; to: string }

/** Cruises `folders` of `baseDir` with the project's rules; the findings the rules report as errors. */
async function cruiseWithRules(baseDir: string, folders: string[]): Promise<{ errors: Finding[]; ignored: Finding[] }> {
  const options = await extractDepcruiseOptions(CONFIG);
  const tsConfig = extractTSConfig(join(baseDir, 'tsconfig.json'));
  const output = await cruise(folders, { ...options, baseDir, tsConfig: { fileName: join(baseDir, 'tsconfig.json') } }, {}, { tsConfig });
  const result = output.output as ICruiseResult;
  const findings = (severity: (s: string) => boolean) => result.summary.violations
    .filter((v) => severity(v.rule.severity))
    .map((v) => ({ rule: v.rule.name, from: v.from, to: v.cycle ? v.cycle.map((step) => step.name).join(' → ') : v.to }))
    .sort((a, b) => `${a.rule} ${a.from}`.localeCompare(`${b.rule} ${b.from}`));
  return { errors: findings((s) => s === 'error'), ignored: findings((s) => s === 'ignore') };
}

describe('the layers of src/ and client/', () => {
  it('have no cycle, no orphan and no import against the layer order', async () => {
    const { errors } = await cruiseWithRules(ROOT, ['src', 'client']);
    expect(errors).toEqual([]);
  }, 120_000);

  it('need every exception the config lists for files still waiting to move', async () => {
    // An exception whose import is gone must leave the config, or it would let the import come back.
    const { ignored } = await cruiseWithRules(ROOT, ['src', 'client']);
    const options = await extractDepcruiseOptions(CONFIG);
    const listed = (options.knownViolations ?? []).map((known) => `${known.rule.name} ${known.from}`).sort();
    expect(ignored.map((finding) => `${finding.rule} ${finding.from}`).sort()).toEqual(listed);
  }, 120_000);

  it('reports each planted violation with its rule: an upward import, a cycle (once), an orphan, browser code importing the server', async () => {
    const { errors } = await cruiseWithRules(FIXTURE, ['src', 'client']);
    expect(errors).toEqual([
      { rule: 'client-pure-modules', from: 'client/page.ts', to: 'src/serve/high.ts' },
      { rule: 'layer-core', from: 'src/core/low.ts', to: 'src/serve/high.ts' },
      { rule: 'no-circular', from: 'src/rdf/a.ts', to: 'src/rdf/b.ts → src/rdf/a.ts' },
      { rule: 'no-orphans', from: 'src/render/alone.ts', to: 'src/render/alone.ts' },
    ]);
  }, 120_000);
});
