/** What the engine says a document's value is, printed as the playground prints it (the browser tests' oracle). */
import { evaluate } from '../../../src/engine/index';
import { defaultDoc, type ExampleDoc } from '../../../src/document/document';
import { docToRequest } from '../../../src/document/request';
import { formatNumber } from '../../../src/ui/common/format';

export function expectedText(patch: Partial<ExampleDoc>): string {
  const doc = { ...defaultDoc(), ...patch };
  const { req, opts } = docToRequest(doc);
  const r = evaluate(req, opts);
  const x = r.kind === 'metric' ? r.results[r.results.length - 1] : r.value.data[0];
  return formatNumber(x, doc.dtype);
}
