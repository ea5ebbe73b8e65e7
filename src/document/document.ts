/**
 * The example document: everything a user can edit, and everything a shared link carries.
 * Results are not part of it (they live in the results slice, written by the worker bridge).
 */
import { DEFAULT_KERAS_BACKEND, type DType, type KerasBackend, type Kind, type Nested, type Semantics } from '../engine/types';

export type ChartTab = 'per-sample' | 'gradient' | 'focal' | 'smoothing' | 'ctc' | 'training';

/** Every chart tab, in display order (the URL codec validates against this list). */
export const CHART_TABS: readonly ChartTab[] = ['per-sample', 'gradient', 'focal', 'smoothing', 'ctc', 'training'];

/** What the gradient chart overlays on the loss's own curve. */
export const GRADIENT_COMPARE = ['none', 'focal', 'smoothing', 'dtype'] as const;
export type GradientCompare = (typeof GRADIENT_COMPARE)[number];
export const GRADIENT_SPACES = ['linear', 'logit'] as const;

/**
 * Parts of the page a link can hide (`hide=`, next to parameter names): the five panels, two parts
 * of the result panel, and the chart tab bar (the link's chart then stays the only one).
 */
export const PAGE_PARTS = ['inputs', 'params', 'result', 'explain', 'charts', 'pitfalls', 'backends', 'chart-tabs'] as const;
export type PagePart = (typeof PAGE_PARTS)[number];

/** What an embedded page (`embed.html`, link key `embed`) shows: the open chart tab, or the result card. */
export const EMBED_VIEWS = ['chart', 'result'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];
/** The training chart's optimizers (Keras's SGD and Adam) and the second run it can overlay. */
export const TRAIN_OPTIMIZERS = ['sgd', 'adam'] as const;
export type TrainOptimizerName = (typeof TRAIN_OPTIMIZERS)[number];
export const TRAIN_COMPARE = ['none', 'smoothing', 'gamma', 'logits', 'reduction', 'optimizer'] as const;
export type TrainCompareMode = (typeof TRAIN_COMPARE)[number];
/** Most updates one training run takes (the engine's limit). */
export const MAX_TRAIN_STEPS = 1000;

/** The three tensors of one call. */
export type TensorName = 'y_true' | 'y_pred' | 'sample_weight';

/**
 * A tensor the user can edit: a top-level one, or one inside a metric update,
 * spelled `updates.<i>.<name>` (e.g. `updates.1.sample_weight`).
 */
export type TensorField = TensorName | `updates.${number}.${TensorName}`;

/** One metric update_state call. */
export interface UpdateDoc {
  y_true: Nested;
  y_pred: Nested;
  sample_weight: Nested | null;
}

export interface ViewDoc {
  /** Active chart tab. */
  tab: ChartTab;
  /** Selected y_pred cell [row, col] (gradient curve target, grid highlight). */
  selected: [number, number] | null;
  /** Controls a teacher hid in a link (parameter names or panel ids). */
  hide: string[];
  /** Preset id this document was loaded from, if it is still unmodified. */
  preset: string | null;
  /** Gradient chart overlay; absent means 'none'. Part of the view so a link reopens the same chart. */
  compare?: GradientCompare;
  /** Gradient chart x axis for probabilities; absent means 'linear'. */
  space?: (typeof GRADIENT_SPACES)[number];
  /** The built-in lesson this document belongs to (src/lessons), and its step (1-based). */
  lesson?: string;
  step?: number;
  /** A teacher's title and short note, shown above the panels (the share-as-lesson dialog). */
  title?: string;
  note?: string;
  /** What an embed shows; only `embed.html` reads it (the full app shows everything). */
  embed?: EmbedView;
  /**
   * The training chart's run: optimizer (absent: SGD), learning rate (absent: the optimizer's Keras
   * default), number of updates, the overlaid second run (absent: none) and the step it shows
   * (absent: the last).
   */
  optimizer?: TrainOptimizerName;
  learningRate?: number;
  steps?: number;
  trainCompare?: TrainCompareMode;
  trainStep?: number;
}

export interface ExampleDoc {
  v: 1;
  kind: Kind;
  /** Keras class name for losses and metrics, function name for functions. */
  name: string;
  /** Keras kwargs that differ from the defaults (Keras spelling). */
  config: Record<string, unknown>;
  semantics: Semantics;
  /**
   * The Keras 3 backend (`KERAS_BACKEND`) the numbers follow; TensorFlow, Keras 3's default, when
   * absent from a link. Kept under tf.keras 2 (which is TensorFlow only) so switching back restores it.
   */
  kerasBackend: KerasBackend;
  dtype: DType;
  y_true: Nested;
  y_pred: Nested;
  sample_weight: Nested | null;
  /** Metric update batches (kind 'metric' only; y_true/y_pred above are unused then). */
  updates: UpdateDoc[];
  /** reset_state() before these update indices (metrics). */
  reset_before: number[];
  view: ViewDoc;
}

/** The first example of the SparseCategoricalCrossentropy docs: what a fresh visitor sees. */
export function defaultDoc(): ExampleDoc {
  return {
    v: 1,
    kind: 'loss',
    name: 'SparseCategoricalCrossentropy',
    config: {},
    semantics: 'keras3',
    kerasBackend: DEFAULT_KERAS_BACKEND,
    dtype: 'float32',
    y_true: [1, 2],
    y_pred: [
      [0.05, 0.95, 0],
      [0.1, 0.8, 0.1],
    ],
    sample_weight: null,
    updates: [],
    reset_before: [],
    view: { tab: 'per-sample', selected: null, hide: [], preset: null },
  };
}

/** Draft key of one cell: `y_pred:1:2` is y_pred[1][2]; a scalar tensor's key is just the field. */
export function draftKey(field: TensorField, path: readonly number[]): string {
  return [field, ...path].join(':');
}

/** Doc fields that change what the engine computes; `view` is navigation, not input. */
export const REQUEST_FIELDS = [
  'kind', 'name', 'config', 'semantics', 'kerasBackend', 'dtype', 'y_true', 'y_pred', 'sample_weight', 'updates', 'reset_before',
] as const satisfies readonly (keyof ExampleDoc)[];

/** True when the two docs ask the engine the same question (fields compared by identity: edits replace, never mutate). */
export function sameRequest(a: ExampleDoc, b: ExampleDoc): boolean {
  return REQUEST_FIELDS.every((k) => Object.is(a[k], b[k]));
}

/** The backend whose numbers the doc shows: tf.keras 2 always runs on TensorFlow. */
export function effectiveBackend(doc: Pick<ExampleDoc, 'semantics' | 'kerasBackend'>): KerasBackend {
  return doc.semantics === 'tf_keras2' ? 'tensorflow' : doc.kerasBackend;
}
