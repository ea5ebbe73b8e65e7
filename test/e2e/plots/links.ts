/** Links to example documents for the chart browser tests (built with the app's own URL codec). */
import { defaultDoc, type ExampleDoc, type ViewDoc } from '../../../src/document/document';
import { encode } from '../../../src/document/codec';
import { loadCompression } from '../../../src/document/compress';

// Long documents are written as z= links, as the page writes them once its deflate library is here.
await loadCompression();

export function link(patch: Partial<Omit<ExampleDoc, 'view'>> & { view?: Partial<ViewDoc> } = {}): string {
  const base = defaultDoc();
  const doc: ExampleDoc = { ...base, ...patch, view: { ...base.view, ...patch.view } };
  return `/#${encode(doc)}`;
}

export const BINARY_FOCAL = {
  kind: 'loss' as const, name: 'BinaryFocalCrossentropy', config: { gamma: 2 },
  y_true: [[0, 1], [1, 0], [0, 0]], y_pred: [[0.6, 0.3], [0.2, 0.8], [0.1, 0.4]],
};

export const CCE = {
  kind: 'loss' as const, name: 'CategoricalCrossentropy', config: {},
  y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]],
};

export const CTC_DOC = {
  kind: 'loss' as const, name: 'CTC', config: {},
  y_true: [[1, 2, 0], [1, 1, 0]],
  y_pred: [0, 1].map((b) => Array.from({ length: 6 }, (_, t) => [0.5 - 0.1 * t, 0.2 * t - b * 0.3, 0.3 * (t % 3), 0.1 * b])),
};
