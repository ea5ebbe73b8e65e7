/**
 * Nested number lists become row-major Float64Array tensors before a job crosses to the worker:
 * structured clone copies a typed array as one block but a nested list element by element, and a
 * 1,000 x 10 input goes out with every edit in three jobs (result, reductions, open chart). The
 * engine takes either form and computes the same numbers.
 *
 * Only clean lists are packed: ragged or non-number entries travel as they are, so
 * the engine's error still names the field and index. Small lists stay nested (cheap either way).
 * Packed tensors are cached per list: documents are immutable, and one edit's jobs share them.
 */
import { sizeOf } from '../engine/tensor';
import { toTensor as validTensor } from '../engine/tensorInput';
import type { EngineRequest, Nested, Tensor } from '../engine/types';
import type { EvalItem, ExtraCall } from './protocol';

/** Lists with fewer numbers than this are sent as they are. */
export const PACK_MIN_ENTRIES = 256;

const cache = new WeakMap<object, Tensor | null>();

function toTensor(v: unknown[], min: number): Tensor | null {
  const shape: number[] = [];
  for (let cur: unknown = v; Array.isArray(cur); cur = cur[0]) shape.push(cur.length);
  const n = sizeOf(shape);
  if (n === 0 || n < min) return null;
  try {
    // The engine's own check: a list it would reject stays nested, so its error is the engine's.
    return validTensor(v as Nested, 'input', 'float64');
  } catch {
    return null;
  }
}

/** `v` as a tensor when it is a clean nested list of at least `min` numbers, else `v` itself. */
export function packTensor<T>(v: T, min = PACK_MIN_ENTRIES): T | Tensor {
  if (!Array.isArray(v)) return v;
  if (min !== PACK_MIN_ENTRIES) return toTensor(v, min) ?? v;
  let t = cache.get(v);
  if (t === undefined) cache.set(v, (t = toTensor(v, min)));
  return t ?? v;
}

function isRequest(x: unknown): x is EngineRequest {
  return typeof x === 'object' && x !== null && 'kind' in x && 'name' in x;
}

/** The request with its tensors packed (a copy; the original is untouched). */
export function packRequest(req: EngineRequest, min = PACK_MIN_ENTRIES): EngineRequest {
  if (req.kind === 'metric') {
    return { ...req, updates: req.updates.map((u) => ({ ...u, y_true: packTensor(u.y_true, min), y_pred: packTensor(u.y_pred, min),
      ...(u.sample_weight != null ? { sample_weight: packTensor(u.sample_weight, min) } : {}) })) };
  }
  return { ...req, y_true: packTensor(req.y_true, min), y_pred: packTensor(req.y_pred, min),
    ...(req.sample_weight != null ? { sample_weight: packTensor(req.sample_weight, min) } : {}),
    ...(req.mask != null ? { mask: packTensor(req.mask, min) } : {}) };
}

export function packItems(items: EvalItem[]): EvalItem[] {
  return items.map((it) => ({ ...it, req: packRequest(it.req) }));
}

/** Extras take a request as their first argument (the sweeps, curves and lattice): packed like an item's. */
export function packExtras(extras: Record<string, ExtraCall>): Record<string, ExtraCall> {
  return Object.fromEntries(Object.entries(extras).map(([k, c]) => {
    const [first, ...rest] = c.args;
    // Only the request changes, and packRequest keeps it an EngineRequest: the call keeps its type.
    return [k, isRequest(first) ? { ...c, args: [packRequest(first), ...rest] } as ExtraCall : c];
  }));
}
