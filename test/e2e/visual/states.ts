/**
 * The visual matrix: a representative set of states rather than the full cross product (which
 * would take far too long on CI). Every loss, function and metric once; every chart tab in light and
 * dark at 1440 px and at 390 px in one of them; every edge input (NaN, ±Infinity, clipped entries, huge logits, an
 * infeasible CTC) on the tabs where it shows.
 */
import { defaultDoc, type ChartTab, type ExampleDoc, type UpdateDoc } from '../../../src/document/document';
import { FUNCTIONS, LOSS_CLASSES, METRIC_CLASSES } from '../../../src/engine/catalog';
import { familyExample, CTC_EXAMPLE } from '../../../src/document/examples';
import { familyOf, fnIdOf } from '../../../src/ui/common/lossInfo';
import { encode } from '../../../src/document/codec';
import { loadCompression } from '../../../src/document/compress';

await loadCompression(); // long documents become z= links, as the page writes them

export interface VisualState {
  name: string;
  doc: ExampleDoc;
  theme: 'light' | 'dark';
  width: 1440 | 390;
}

type Patch = Partial<Omit<ExampleDoc, 'view'>> & { tab?: ChartTab };

export function docOf({ tab = 'per-sample', ...patch }: Patch): ExampleDoc {
  const base = defaultDoc();
  return { ...base, config: {}, ...patch, view: { ...base.view, tab } };
}

export const pathOf = (doc: ExampleDoc): string => `/#${encode(doc)}`;

const exampleOf = (kind: 'loss' | 'function' | 'metric', name: string): Patch => {
  const family = familyOf(fnIdOf(kind, name))!;
  const ex: UpdateDoc = familyExample(family);
  return kind === 'metric' ? { kind, name, updates: [ex, { ...ex }], y_true: ex.y_true, y_pred: ex.y_pred } : { kind, name, ...ex };
};

const BCE = { name: 'BinaryCrossentropy', y_true: [[0, 1], [1, 0], [1, 1]], y_pred: [[0.2, 0.7], [0.6, 0.4], [0.9, 0.95]], sample_weight: [1, 0.5, 2] };
const FOCAL = { name: 'BinaryFocalCrossentropy', config: { gamma: 2 }, y_true: [[0, 1], [1, 0], [0, 0]], y_pred: [[0.6, 0.3], [0.2, 0.8], [0.1, 0.4]] };
const CCE = { name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]] };
const CTC = { name: 'CTC', ...CTC_EXAMPLE };

/** Edge inputs: each names the tabs it is drawn on. */
export const EDGES: Record<string, { patch: Patch; tabs: ChartTab[] }> = {
  nan: { patch: { name: 'Poisson', y_true: [[0, 1], [1, 0]], y_pred: [[-0.5, 0.7], [0.6, 0.4]] }, tabs: ['per-sample', 'gradient'] },
  inf: { patch: { name: 'Poisson', config: { reduction: 'sum' }, y_true: [[0, 1], [1, 0]], y_pred: [[3e38, 3e38], [0.6, 0.4]] }, tabs: ['per-sample'] },
  neginf: { patch: { name: 'Poisson', y_true: [[3e38, 0], [1, 0]], y_pred: [[1e30, 0.5], [0.6, 0.4]] }, tabs: ['per-sample'] },
  clipped: { patch: { name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [1, 0, 0]], y_pred: [[0.1, 2.0, -1.0], [3.0, 0.5, 0.2]] }, tabs: ['per-sample', 'gradient', 'smoothing', 'training'] },
  logits: { patch: { name: 'BinaryCrossentropy', config: { from_logits: true }, y_true: [[0, 1], [1, 0]], y_pred: [[80, -90], [1e4, -1e4]] }, tabs: ['per-sample', 'gradient', 'training'] },
  ctc_infeasible: { patch: { name: 'CTC', y_true: [[1, 1, 1], [1, 2, 0]], y_pred: (CTC_EXAMPLE.y_pred as number[][][]).slice(0, 2) }, tabs: ['ctc', 'per-sample'] },
};

// Training with label smoothing, so the optimum's reference line is drawn (and checked) too.
const TRAIN = { ...CCE, config: { label_smoothing: 0.1 } };

const TAB_DOCS: Record<ChartTab, Patch> = { 'per-sample': BCE, gradient: BCE, focal: FOCAL, smoothing: CCE, ctc: CTC, training: TRAIN };

function build(): VisualState[] {
  const out: VisualState[] = [];
  const add = (name: string, patch: Patch, theme: 'light' | 'dark', width: 1440 | 390) => out.push({ name: `${name}-${theme}-${width}`, doc: docOf(patch), theme, width });
  // Every loss, function and metric once (their own example, the per-sample chart), alternating theme and width.
  const names = [
    ...Object.keys(LOSS_CLASSES).map((n) => ['loss', n] as const),
    ...Object.keys(FUNCTIONS).map((n) => ['function', n] as const),
    ...Object.keys(METRIC_CLASSES).map((n) => ['metric', n] as const),
  ];
  names.forEach(([kind, n], i) => add(`${kind}-${n}`, exampleOf(kind, n), i % 2 ? 'dark' : 'light', i % 3 === 2 ? 390 : 1440));
  // Every chart tab in light and dark when wide, and narrow in one of them (alternating).
  (Object.entries(TAB_DOCS) as [ChartTab, Patch][]).forEach(([tab, patch], i) => {
    for (const theme of ['light', 'dark'] as const) add(`tab-${tab}`, { ...patch, tab }, theme, 1440);
    add(`tab-${tab}`, { ...patch, tab }, i % 2 ? 'light' : 'dark', 390);
  });
  // Every edge input on its tabs; the theme and width alternate.
  let k = 0;
  for (const [edge, { patch, tabs }] of Object.entries(EDGES)) {
    for (const tab of tabs) { add(`edge-${edge}-${tab}`, { ...patch, tab }, k % 2 ? 'dark' : 'light', k % 3 === 1 ? 390 : 1440); k++; }
  }
  // A tab that does not apply says why, readably.
  add('na-focal-Poisson', { ...exampleOf('loss', 'Poisson'), tab: 'focal' }, 'dark', 390);
  add('na-training-numpy', { ...TRAIN, kerasBackend: 'numpy', tab: 'training' }, 'light', 1440);
  return out;
}

export const STATES = build();
