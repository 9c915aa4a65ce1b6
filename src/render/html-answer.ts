/**
 * The HTML results page of a query's answer, as the query runners write it for text/html: SELECT
 * solutions with the dataset's IRIs linked to their pages and labelled from the runner's graph, or an ASK's
 * value. The runners come before render/ in the layer order, so serve hands them this writer with their
 * configuration when it starts them (serve/pool/evaluate.ts, serve/backend/connect.ts).
 */
import { vocabulary } from '../core/iri.js';
import type { HtmlAnswers } from '../query/runners/types.js';
import { prefixList } from '../serialize/sparql-results/terms.js';
import { bindingsToHtml, booleanToHtml } from './html-results.js';
import { Links } from './html.js';
import { labelPredicates, labelsOf } from './labels.js';

export function htmlAnswers(base: string): HtmlAnswers {
  const terms = { links: new Links(base), prefixes: prefixList(vocabulary(base).prefixes) };
  const predicates = labelPredicates(base);
  return {
    solutions(query, variables, rows, store) {
      const labels = labelsOf(store, rows.flatMap((row) => Object.values(row)), predicates);
      return bindingsToHtml(query, variables, rows, { ...terms, labels });
    },
    boolean: (query, value) => booleanToHtml(query, value),
  };
}
