/**
 * What the engine says a document's value is, printed as the playground prints it (the browser
 * tests' oracle). Patches apply to the first screen's document, which a page opened at / shows.
 */
import { evaluate } from '../../../src/engine/index';
import type { ExampleDoc } from '../../../src/document/document';
import { firstScreenDoc } from '../../../src/presets';
import { docToRequest } from '../../../src/document/request';
import { formatNumber } from '../../../src/ui/common/format';

export function expectedText(patch: Partial<ExampleDoc>): string {
  const doc = { ...firstScreenDoc(), ...patch };
  const { req, opts } = docToRequest(doc);
  const r = evaluate(req, opts);
  const x = r.kind === 'metric' ? r.results[r.results.length - 1] : r.value.data[0];
  return formatNumber(x, doc.dtype);
}
