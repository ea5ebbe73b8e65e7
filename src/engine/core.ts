/**
 * The engine's public surface without the chart helpers (sweep/): what the worker loads at start.
 * index.ts adds the helpers and registers every loss implementation; the worker instead loads them
 * per job with loadImplementations. Pure TypeScript: no DOM, no React, no WASM loading (kernels are
 * registered by the host).
 */
import { REDUCTIONS } from './catalog';
import { checkConfig } from './config';
import { EngineError, toErrorInfo } from './errors';
import { evaluateLoss } from './loss';
import { evaluateMetric } from './metrics';
import type { EngineErrorInfo, EngineRequest, EngineResult, EvalOptions } from './types';

export { EngineError, toErrorInfo } from './errors';
export { evaluateLoss } from './loss';
export { evaluateMetric, Metric } from './metrics';
export { fromConfig } from './config';
export * from './catalog';
export { loadImplementations } from './bind';
/** The catalog's reductions under their earlier names. */
export const REDUCTIONS_KERAS3 = REDUCTIONS.keras3;
export const REDUCTIONS_TF_KERAS2 = REDUCTIONS.tf_keras2;
export { toNested } from './tensor';
export { toTensor } from './tensorInput';
export { EPSILON } from './numerics';
export type * from './types';
export { DEFAULT_KERAS_BACKEND, KERAS_BACKENDS } from './types';

/** Evaluate one loss, function or metric request. Throws EngineError naming the field at fault. */
export function evaluate(req: EngineRequest, opts?: EvalOptions): EngineResult {
  if (req === null || typeof req !== 'object') throw new EngineError('expected a request object.', 'request');
  if (req.kind === 'metric') {
    if (!Array.isArray(req.updates) || req.updates.length === 0) {
      throw new EngineError('a metric request needs a non-empty list of updates.', 'updates');
    }
    checkConfig(req.config);
    if ('mask' in req) throw new EngineError('metrics take no mask: Keras metrics read only y_true, y_pred and sample_weight.', 'mask');
    req.updates.forEach((u, i) => {
      if (u !== null && typeof u === 'object' && 'mask' in u) {
        throw new EngineError('a metric update takes no mask: Keras metrics read only y_true, y_pred and sample_weight.', `updates[${i}].mask`);
      }
    });
    return evaluateMetric(req, opts);
  }
  if (req.kind === 'loss' || req.kind === 'function') return evaluateLoss(req, opts);
  throw new EngineError(
    `Unknown kind ${JSON.stringify((req as { kind?: unknown }).kind)}: expected "loss", "function" or "metric".`, 'kind',
  );
}

export type EvalOutcome = { ok: true; result: EngineResult } | { ok: false; error: EngineErrorInfo };

/** Evaluate many requests in one call (a sweep, a curve): one failure does not stop the rest. */
export function evaluateMany(items: { req: EngineRequest; opts?: EvalOptions }[]): EvalOutcome[] {
  return items.map(({ req, opts }) => {
    try {
      return { ok: true, result: evaluate(req, opts) };
    } catch (e) {
      return { ok: false, error: toErrorInfo(e) };
    }
  });
}

