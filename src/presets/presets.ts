/**
 * Every example printed in the Keras documentation for these losses and metrics, as a preset.
 * Inputs are the docs' own; `documented.text` is transcribed by hand from the printed output
 * (docs round or truncate; see documented.ts). Keras 3's exact float32 outputs live in the
 * conformance tests, not here: the product shows what the docs print beside what it computes.
 *
 * Sources:
 * - keras.io/api/losses/probabilistic_losses (Keras 3): the loss classes and functions.
 *   tensorflow.org's tf.keras.losses.CategoricalCrossentropy page prints the same Keras 3
 *   docstring (`reduction=None`, `keras.losses`), so its examples are the cce-* presets.
 * - keras.io/api/metrics/probabilistic_metrics (Keras 3) and tensorflow.org's
 *   tf.keras.metrics.SparseCategoricalCrossentropy page (same docstring): the metric classes.
 * - tensorflow.org's TF 2.x tf.keras.losses.SparseCategoricalCrossentropy (tf.keras 2,
 *   `Reduction.SUM`, `ReductionV2.AUTO`): the tf2-scce-* presets, run with tf.keras 2 semantics.
 */
import type { EngineRequest, Nested, Semantics } from '../engine/types';
import type { ChartTab, ExampleDoc } from '../document/document';
import type { PresetLookup } from '../document/linkBase';
import { requestToDoc } from '../document/request';
import { documentedValue, type Documented } from './documented';

export interface Preset {
  id: string;
  title: string;
  /** Which Keras's documentation prints the example. */
  source: 'keras3' | 'tf_keras2';
  doc: ExampleDoc;
  documented: Documented;
  /** One sentence for the learner, when the example shows something worth saying. */
  note?: string;
}

// The docs' inputs (spec section 11 names them the same way).
const P = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];
const Yc = [[0, 1, 0], [0, 0, 1]];
const Ys = [1, 2];
const Bt = [[0, 1], [0, 0]];
const Bp = [[0.6, 0.4], [0.4, 0.6]];
const Y1 = [0, 1, 0, 0];
const Z1 = [-18.6, 0.51, 2.94, -12.8];
const Y2 = [[0, 1], [0, 0]];
const Z2 = [[-18.6, 0.51], [2.94, -12.8]];

interface Extra {
  semantics?: Semantics;
  tab?: ChartTab;
  note?: string;
  documentedAs?: Semantics;
}

function make(id: string, title: string, source: Preset['source'], req: EngineRequest, text: string, x: Extra = {}): Preset {
  const doc = requestToDoc(req, { semantics: x.semantics ?? source, dtype: 'float32' });
  doc.view = { ...doc.view, preset: id, tab: x.tab ?? doc.view.tab };
  const documented: Documented = { value: documentedValue(text), text };
  if (x.documentedAs) documented.semantics = x.documentedAs;
  return { id, title, source, doc, documented, ...(x.note ? { note: x.note } : {}) };
}

const loss = (name: string, config: Record<string, unknown>, y_true: Nested, y_pred: Nested, sample_weight?: Nested): EngineRequest =>
  ({ kind: 'loss', name, config, y_true, y_pred, ...(sample_weight ? { sample_weight } : {}) });
const fn = (name: string, y_true: Nested, y_pred: Nested): EngineRequest => ({ kind: 'function', name, config: {}, y_true, y_pred });
/** The metric docs' pattern: update, result(), reset_state(), weighted update, result(). */
const metric = (name: string, y_true: Nested, y_pred: Nested, sample_weight: Nested): EngineRequest => ({
  kind: 'metric', name, config: {}, reset_before: [1],
  updates: [{ y_true, y_pred }, { y_true, y_pred, sample_weight }],
});

/** The four calls every crossentropy page shows: default, sample_weight, "sum", None; `first` adds to the first. */
function fourCalls(prefix: string, name: string, yTrue: Nested, source: Preset['source'], texts: string[], x: Extra = {}, first: Extra = {}): Preset[] {
  const none = source === 'tf_keras2' ? "Reduction.NONE" : 'reduction=None';
  const sum = source === 'tf_keras2' ? 'Reduction.SUM' : 'reduction="sum"';
  return [
    make(`${prefix}-1`, `${name}()`, source, loss(name, {}, yTrue, P), texts[0], { ...x, ...first }),
    make(`${prefix}-2`, `${name}() with sample_weight=[0.3, 0.7]`, source, loss(name, {}, yTrue, P, [0.3, 0.7]), texts[1], x),
    make(`${prefix}-3`, `${name}(${sum})`, source, loss(name, { reduction: 'sum' }, yTrue, P), texts[2], x),
    make(`${prefix}-4`, `${name}(${none})`, source, loss(name, { reduction: 'none' }, yTrue, P), texts[3], x),
  ];
}

const BCE = 'BinaryCrossentropy';
const BFCE = 'BinaryFocalCrossentropy';
const logits = { from_logits: true };
const focal = (gamma: number, balanced: boolean, extra: Record<string, unknown> = {}) =>
  (balanced ? { apply_class_balancing: true, gamma, from_logits: true, ...extra } : { gamma, from_logits: true, ...extra });
const F = { tab: 'focal' as const };

/** The binary focal page's calls, each shown without and then with apply_class_balancing. */
const FOCAL_CALLS: { args: string; what: string; gamma: number; config?: Record<string, unknown>;
  y: Nested; z: Nested; w?: Nested; texts: [string, string] }[] = [
  { args: 'gamma=2, from_logits=True', what: ', one row', gamma: 2, y: Y1, z: Z1, texts: ['0.691', '0.51'] },
  { args: 'gamma=3, from_logits=True', what: ', 2 × 2', gamma: 3, y: Y2, z: Z2, texts: ['0.647', '0.482'] },
  { args: 'gamma=3, from_logits=True', what: ' with sample_weight=[0.8, 0.2]', gamma: 3, y: Y2, z: Z2, w: [0.8, 0.2],
    texts: ['0.133', '0.097'] },
  { args: 'gamma=4, from_logits=True, reduction="sum"', what: '', gamma: 4, config: { reduction: 'sum' }, y: Y2, z: Z2,
    texts: ['1.222', '0.914'] },
  { args: 'gamma=5, from_logits=True, reduction=None', what: '', gamma: 5, config: { reduction: 'none' }, y: Y2, z: Z2,
    texts: ['[0.0017, 1.1561]', '[0.0004, 0.8670]'] },
];

export const PRESETS: readonly Preset[] = [
  make('bce-1', `${BCE}(from_logits=True), one row of 4 logits`, 'keras3', loss(BCE, logits, Y1, Z1), '0.8654'),
  make('bce-2', `${BCE}(from_logits=True), 2 × 2 logits`, 'keras3', loss(BCE, logits, Y2, Z2), '0.8654'),
  make('bce-3', `${BCE}(from_logits=True) with sample_weight=[0.8, 0.2]`, 'keras3', loss(BCE, logits, Y2, Z2, [0.8, 0.2]), '0.243'),
  make('bce-4', `${BCE}(from_logits=True, reduction="sum")`, 'keras3', loss(BCE, { ...logits, reduction: 'sum' }, Y2, Z2), '1.730'),
  make('bce-5', `${BCE}(from_logits=True, reduction=None)`, 'keras3', loss(BCE, { ...logits, reduction: 'none' }, Y2, Z2), '[0.235, 1.496]'),
  ...FOCAL_CALLS.flatMap((c, i) => [false, true].map((b) => make(
    `bfce-${2 * i + (b ? 2 : 1)}`, `${BFCE}(${b ? 'apply_class_balancing=True, ' : ''}${c.args})${c.what}`, 'keras3',
    loss(BFCE, focal(c.gamma, b, c.config), c.y, c.z, c.w), c.texts[b ? 1 : 0], F))),
  ...fourCalls('cce', 'CategoricalCrossentropy', Yc, 'keras3', ['1.177', '0.814', '2.354', '[0.0513, 2.303]'], {},
    { note: 'Drag label_smoothing: the labels move toward uniform, every class’s −log p starts to count, and the loss rises.' }),
  ...fourCalls('cfce', 'CategoricalFocalCrossentropy', Yc, 'keras3', ['0.23315276', '0.1632', '0.46631', '[3.2058331e-05, 4.6627346e-01]'], F),
  ...fourCalls('scce', 'SparseCategoricalCrossentropy', Ys, 'keras3', ['1.177', '0.814', '2.354', '[0.0513, 2.303]']),
  make('fn-bce', 'binary_crossentropy(y_true, y_pred)', 'keras3', fn('binary_crossentropy', Bt, Bp), '[0.916, 0.714]',
    { note: 'Binary crossentropy averages over the last axis, so each row gives one number.' }),
  make('fn-cce', 'categorical_crossentropy(y_true, y_pred)', 'keras3', fn('categorical_crossentropy', Yc, P), '[0.0513, 2.303]'),
  make('fn-scce', 'sparse_categorical_crossentropy(y_true, y_pred)', 'keras3', fn('sparse_categorical_crossentropy', Ys, P), '[0.0513, 2.303]'),
  // Keras 3's metric page prints tf.keras 2 digits for this metric (spec section 11, rows 8-9). The
  // preset runs as Keras 3, which is what a reader of that page gets (0.8149245, 0.91629076), and
  // says where the printed digits come from, rather than switching semantics behind the reader's back.
  make('m-bce', 'metrics.BinaryCrossentropy(): update, reset, weighted update', 'keras3', metric(BCE, Bt, Bp, [1, 0]),
    '[0.81492424, 0.9162905]', {
      // The Keras 3 page prints tf.keras 2 digits (spec §11 rows 8-9), so the preset opens in
      // tf_keras2 to reproduce them and says what Keras 3 itself prints.
      semantics: 'tf_keras2',
      note: 'These documented digits are tf.keras 2\'s (ε inside the logs). Keras 3 prints 0.8149245 and 0.91629076: switch semantics to keras3 to see them.',
    }),
  make('m-cce', 'metrics.CategoricalCrossentropy(): update, reset, weighted update', 'keras3',
    metric('CategoricalCrossentropy', Yc, P, [0.3, 0.7]), '[1.1769392, 1.6271976]',
    { note: 'With weights the metric divides by Σweights (1.0), the loss by the batch size: 1.627 here, 0.814 for the loss.' }),
  make('m-scce', 'metrics.SparseCategoricalCrossentropy(): update, reset, weighted update', 'keras3',
    metric('SparseCategoricalCrossentropy', Ys, P, [0.3, 0.7]), '[1.1769392, 1.6271976]',
    { note: 'With weights the metric divides by Σweights (1.0), the loss by the batch size: 1.627 here, 0.814 for the loss.' }),
  make('m-kld', 'metrics.KLDivergence(): update, reset, weighted update', 'keras3', metric('KLDivergence', Bt, Bp, [1, 0]),
    '[0.45814306, 0.9162892]'),
  make('m-poisson', 'metrics.Poisson(): update, reset, weighted update', 'keras3', metric('Poisson', Bt, [[1, 1], [0, 0]], [1, 0]),
    '[0.49999997, 0.99999994]', { note: 'Not 0.5: Keras adds ε = 1e-7 inside log(y_pred), and float32 shows it.' }),
  ...fourCalls('tf2-scce', 'SparseCategoricalCrossentropy', Ys, 'tf_keras2', ['1.177', '0.814', '2.354', '[0.0513, 2.303]']),
];

const BY_ID = new Map(PRESETS.map((p) => [p.id, p]));

export function presetById(id: string): Preset | undefined {
  return BY_ID.get(id);
}

/**
 * What a first-time visitor sees (no link, nothing saved): CategoricalCrossentropy's documented
 * example, whose label_smoothing slider moves the number at once, beside the value the docs print.
 */
export const FIRST_SCREEN_PRESET = 'cce-1';

export function firstScreenDoc(): ExampleDoc {
  return BY_ID.get(FIRST_SCREEN_PRESET)!.doc;
}

/** The document a preset id stands for, for links that carry only the id (document/linkBase.ts). */
export const presetDoc: PresetLookup = (id) => BY_ID.get(id)?.doc;
