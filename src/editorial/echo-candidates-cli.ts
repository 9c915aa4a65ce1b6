/**
 * `npm run echoes:candidates`: rewrites data/editorial/echo-candidates.tsv from the statements' texts.
 * The editors then read each pair and keep the confirmed ones in data/editorial/echoes.ttl.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/paths.js';
import { candidatesTsv, echoCandidates, readStatementTexts } from './echo-candidates.js';

const root = PACKAGE_ROOT;
const out = join(root, 'data', 'editorial', 'echo-candidates.tsv');
const candidates = echoCandidates(readStatementTexts(root));
writeFileSync(out, candidatesTsv(candidates));
console.log(`Wrote ${candidates.length} candidate pairs to data/editorial/echo-candidates.tsv`);
