/**
 * The pure mapping between an example document and the engine request it stands for.
 * The engine jobs of one edit share `requestOf(doc)`; presets and imported conformance cases come
 * in through `requestToDoc`.
 */
import type { EngineRequest, EvalOptions, MetricUpdate } from '../engine/types';
import { defaultDoc, effectiveBackend, sameRequest, type ExampleDoc, type UpdateDoc } from './document';
import { toNested } from './nested';

export interface DocRequest {
  req: EngineRequest;
  opts: EvalOptions;
}

/**
 * Inputs up to this many y_pred entries get the explain view's intermediates; larger ones skip
 * them, which lets the engine use its fused kernels (a derivation of 10,000 rows explains nothing).
 */
export const EXPLAIN_MAX_ENTRIES = 4096;

function entries(x: unknown): number {
  let n = 1;
  for (let cur = x; Array.isArray(cur); cur = cur[0]) n *= cur.length;
  return n;
}

/** The engine call for a document: with gradient, and with steps unless the input is large. */
export function docToRequest(doc: ExampleDoc): DocRequest {
  const steps = entries(doc.y_pred) <= EXPLAIN_MAX_ENTRIES;
  const opts: EvalOptions = { dtype: doc.dtype, semantics: doc.semantics, kerasBackend: effectiveBackend(doc), grad: true, steps };
  const config = { ...doc.config };
  if (doc.kind === 'metric') {
    const updates: MetricUpdate[] = doc.updates.map((u) =>
      u.sample_weight === null ? { y_true: u.y_true, y_pred: u.y_pred } : { ...u });
    const req: EngineRequest = { kind: 'metric', name: doc.name, config, updates };
    if (doc.reset_before.length) req.reset_before = [...doc.reset_before];
    return { req, opts };
  }
  const req: EngineRequest = { kind: doc.kind, name: doc.name, config, y_true: doc.y_true, y_pred: doc.y_pred };
  if (doc.sample_weight !== null) req.sample_weight = doc.sample_weight;
  return { req, opts };
}

let last: { doc: ExampleDoc; request: DocRequest } | null = null;

/**
 * docToRequest, converted once per edit: while the document asks the engine the same thing (a view
 * change, or the next job of the same edit), the last conversion is returned, so every job of an
 * edit sends the same request. Shared: callers copy before they change anything.
 */
export function requestOf(doc: ExampleDoc): DocRequest {
  if (last === null || (last.doc !== doc && !sameRequest(last.doc, doc))) last = { doc, request: docToRequest(doc) };
  return last.request;
}

/**
 * The document for an engine request (a conformance case, a preset). Fields the request does not
 * carry (the view, and y_true / y_pred for metrics) come from `base`.
 */
export function requestToDoc(req: EngineRequest, opts: EvalOptions = {}, base: ExampleDoc = defaultDoc()): ExampleDoc {
  const doc: ExampleDoc = {
    ...base,
    kind: req.kind,
    name: req.name,
    config: { ...(req.config ?? {}) },
    semantics: opts.semantics ?? 'keras3',
    kerasBackend: opts.kerasBackend ?? base.kerasBackend,
    dtype: opts.dtype ?? base.dtype,
    view: { ...base.view, hide: [...base.view.hide] },
  };
  if (req.kind === 'metric') {
    doc.updates = req.updates.map((u): UpdateDoc => ({
      y_true: toNested(u.y_true),
      y_pred: toNested(u.y_pred),
      sample_weight: u.sample_weight == null ? null : toNested(u.sample_weight),
    }));
    doc.reset_before = [...(req.reset_before ?? [])];
    return doc;
  }
  doc.y_true = toNested(req.y_true);
  doc.y_pred = toNested(req.y_pred);
  doc.sample_weight = req.sample_weight == null ? null : toNested(req.sample_weight);
  doc.updates = [];
  doc.reset_before = [];
  return doc;
}
