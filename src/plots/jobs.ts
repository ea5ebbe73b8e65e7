/**
 * Pure: the worker job each chart tab asks for (one message: typed calls of the engine's extra
 * jobs, so each answer comes back with its type), and which tabs apply to the document at all.
 */
import { BACKENDS, FUNCTIONS, fnIdOf, functionId } from '../engine/catalog';
import { BACKEND_LABELS } from '../engine/backendNotes';
import { KERAS_BACKENDS, type EvalOptions, type KerasBackend, type LossRequest } from '../engine/types';
import { effectiveBackend, type ChartTab, type ExampleDoc } from '../document/document';
import { requestOf, type DocRequest } from '../document/request';
import type { TrainParams } from '../engine/train';
import { extra } from '../worker/protocol';

/** The Keras function behind a doc (metrics: the function their class wraps); an unknown name as it is. */
export function fnOfDoc(doc: Pick<ExampleDoc, 'kind' | 'name'>): string {
  return fnIdOf(doc.kind, doc.name) ?? doc.name;
}

function isCrossEntropy(fn: string): boolean {
  const id = functionId(fn);
  return id !== null && FUNCTIONS[id].crossEntropy !== null;
}

/**
 * The loss call the sweeps take: the document's own request (shared with the edit's other jobs).
 * A metric becomes its function on the last update (a metric has no reduction of its own to sweep).
 */
export function sweepRequest(doc: ExampleDoc, base: DocRequest = requestOf(doc)): { req: LossRequest; opts: EvalOptions } {
  const opts: EvalOptions = { dtype: doc.dtype, semantics: doc.semantics, kerasBackend: effectiveBackend(doc) };
  const { req } = base;
  if (req.kind === 'metric') {
    const u = doc.updates[doc.updates.length - 1];
    const { name: _n, dtype: _d, ...config } = doc.config;
    return { req: { kind: 'function', name: fnOfDoc(doc), config, y_true: u?.y_true ?? [], y_pred: u?.y_pred ?? [] }, opts };
  }
  return { req, opts };
}

function noAutodiff(backend: KerasBackend, what: string): string {
  const able = KERAS_BACKENDS.filter((b) => BACKENDS[b].autodiff).map((b) => BACKEND_LABELS[b]);
  const pick = `${able.slice(0, -1).join(', ')} or ${able[able.length - 1]}`;
  return `Keras on ${BACKEND_LABELS[backend]} has no automatic differentiation, so there is no gradient ${what}. Pick ${pick} to see it.`;
}

/** Why a tab has nothing to draw for this doc, or null when it applies. */
export function notApplicable(doc: ExampleDoc, tab: ChartTab): string | null {
  const fn = fnOfDoc(doc);
  if (doc.kind === 'metric' && doc.updates.length === 0) return 'This metric has no update_state calls yet.';
  switch (tab) {
    case 'per-sample': return null;
    case 'gradient':
      if (!BACKENDS[effectiveBackend(doc)].autodiff) return noAutodiff(effectiveBackend(doc), 'to draw');
      return fn === 'ctc' ? 'CTC has no single-entry curve: the CTC lattice tab shows its per-time gradient.' : null;
    case 'focal': return isCrossEntropy(fn) ? null : `The focal sweeps apply to the cross-entropy losses, not ${doc.name}.`;
    case 'smoothing':
      return isCrossEntropy(fn) ? null : `${doc.name} has no label_smoothing.`;
    case 'ctc': return fn === 'ctc' ? null : 'The lattice is drawn for the CTC loss. Pick CTC (or a CTC preset) to see it.';
    case 'training':
      return BACKENDS[effectiveBackend(doc)].autodiff ? null : noAutodiff(effectiveBackend(doc), 'for gradient descent to follow');
  }
}

/** Per-sample lines the sweeps return: the first 8 samples, plus the selected one. */
export function sweepSamples(selectedRow: number | null): number[] {
  const s = [0, 1, 2, 3, 4, 5, 6, 7];
  if (selectedRow !== null && selectedRow >= 8) s.push(selectedRow);
  return s;
}

export function focalJob(doc: ExampleDoc, selectedRow: number | null) {
  const { req, opts } = sweepRequest(doc);
  const samples = sweepSamples(selectedRow);
  return {
    items: [],
    extras: {
      gamma: extra('gammaSweep', req, opts, { from: 0, to: 5, points: 101, samples }),
      alpha: extra('alphaSweep', req, opts, { from: 0, to: 1, points: 21, samples }),
    },
  };
}

export function smoothingJob(doc: ExampleDoc, selectedRow: number | null) {
  const { req, opts } = sweepRequest(doc);
  return { items: [], extras: { smoothing: extra('labelSmoothingSweep', req, opts, { from: 0, to: 1, points: 51, samples: sweepSamples(selectedRow) }) } };
}

export interface CurveVariantSpec { label: string; name?: string; config?: Record<string, unknown>; dtype?: 'float32' | 'float64' }

export function gradientJob(doc: ExampleDoc, row: number, col: number, space: 'linear' | 'logit', variants: CurveVariantSpec[]) {
  const { req, opts } = sweepRequest(doc);
  return { items: [], extras: { curve: extra('gradientCurve', req, opts, { row, col, space, points: 241, variants }) } };
}

export function ctcJob(doc: ExampleDoc, sample: number) {
  const { req, opts } = sweepRequest(doc);
  return { items: [], extras: { lattice: extra('ctcLattice', req, opts, { sample }) } };
}

/** The whole training run (and its comparison) as one job: play and scrub read it without asking again. */
export function trainingJob(doc: ExampleDoc, params: TrainParams) {
  const { req, opts } = sweepRequest(doc);
  return { items: [], extras: { run: extra('trainRun', req, opts, params) } };
}

/** One update of the same run, for the explain section: its gradient dL/dz and its step Δz. */
export function trainStepJob(doc: ExampleDoc, params: TrainParams, k: number) {
  const { req, opts } = sweepRequest(doc);
  return { items: [], extras: { detail: extra('trainStep', req, opts, params, k) } };
}
