/**
 * How each Keras backend reads sparse labels. Keras receives y_true as floats (rounded to the
 * compute dtype) and casts them to integers itself, truncating toward zero; `ignore_class` is
 * compared with the float label before that cast. What an integer outside [0, C) then does is
 * the backend's own rule (spec §8 B8-B10):
 *
 * - jax: `jnp.array(target, dtype="int32")` then `one_hot`: out of range gives an all-zero
 *   one-hot row, so the entry scores 0. A Loss object (and ignore_class's `ops.where`) hands
 *   the backend a JAX array, cast by XLA (NaN -> 0, saturating); a bare function or metric
 *   call hands it the NumPy array, cast on the host like NumPy (NaN, ±Inf -> INT32_MIN).
 * - numpy: `np.array(target, dtype="int32")` (NaN, ±Inf, |t| >= 2^31 -> INT32_MIN), then a
 *   one_hot that skips negative ids (scored 0) and raises IndexError for ids >= C.
 * - tensorflow: `tf.cast(target, "int64")` (NaN, ±Inf -> INT64_MIN), then
 *   `sparse_softmax_cross_entropy_with_logits`, which raises for any id outside [0, C).
 * - torch: `convert_to_tensor(target, dtype=torch.long)` (as TensorFlow), then `nll_loss` /
 *   `cross_entropy`, which raise for ids outside [0, C) except -100 (`ignore_index`, scored 0).
 */
import type { KwargsOf } from '../catalog';
import { EngineError, describeAt } from '../errors';
import type { KerasBackend } from '../types';
import type { FamilyContext } from './common';

/** Who called the loss function: Keras's Loss objects convert y_true to a backend tensor first. */
export type SparseCaller = 'loss' | 'function' | 'metric';

/** FamilyContext plus the caller, which only SCCE on JAX needs (NaN labels). Absent: 'loss'. */
export type SparseContext = FamilyContext<KwargsOf<'sparse_categorical_crossentropy'>> & { caller?: SparseCaller };

/** Label code for an entry that scores 0 by one-hot (JAX, NumPy negatives): -0, or NaN in a NaN row. */
export const ZERO_ONE_HOT = -1;
/** Label code for torch's `ignore_index` (-100): exactly 0, gradient 0. */
export const TORCH_IGNORED = -2;

const I32 = 2 ** 31;
const I64 = 2 ** 63;

type Cast = 'xla_int32' | 'c_int32' | 'c_int64';

/** A float label cast to an integer as the backend's conversion does it. */
export function castLabel(t: number, cast: Cast): number {
  if (cast === 'xla_int32') {
    if (Number.isNaN(t)) return 0;
    if (t >= I32) return I32 - 1;
    if (t <= -I32) return -I32;
    return Math.trunc(t);
  }
  // x86 cvttss2si/cvttsd2si: NaN, ±Inf and anything outside the integer range give the minimum.
  const lim = cast === 'c_int32' ? I32 : I64;
  return t > -lim - 1 && t < lim ? Math.trunc(t) || 0 : -lim;
}

/** The integer as the backend prints it (INT64_MIN exactly, not -9223372036854776000). */
function show(k: number): string {
  return Number.isSafeInteger(k) ? String(k) : BigInt(k).toString();
}

function castOf(backend: KerasBackend, caller: SparseCaller, hasIgnore: boolean): Cast {
  if (backend === 'tensorflow' || backend === 'torch') return 'c_int64';
  if (backend === 'jax' && (caller === 'loss' || hasIgnore)) return 'xla_int32';
  return 'c_int32';
}

export interface SparseLabels {
  /** Class id in [0, C), or ZERO_ONE_HOT / TORCH_IGNORED. */
  labels: Int32Array;
  /** 1 = valid, 0 = equal to ignore_class. */
  valid: Float64Array;
}

/**
 * Read n labels (flat, in the order of the per-sample values) for C classes. `indexOf(i)` names
 * entry i as the user wrote it. Throws where the backend raises; warns (naming the first entry)
 * where a label is truncated, or scores 0.
 */
export function readSparseLabels(
  ctx: SparseContext, C: number, ignore: number | null, indexOf: (i: number) => number[],
): SparseLabels {
  const { backend, num } = ctx;
  const data = ctx.yTrue.data;
  const n = data.length;
  const labels = new Int32Array(n);
  const valid = new Float64Array(n).fill(1);
  const ignoreF = ignore === null ? null : num.r(ignore);
  const cast = castOf(backend, ctx.caller ?? 'loss', ignore !== null);
  const bits = cast === 'c_int64' ? 'int64' : 'int32';
  let truncated = -1, nTruncated = 0, zeroed = -1, nZeroed = 0, nanZero = -1;
  for (let i = 0; i < n; i++) {
    const t = data[i];
    if (t === ignoreF) { valid[i] = 0; continue; }
    const k = castLabel(t, cast);
    if (k >= 0 && k < C) {
      labels[i] = k;
      if (Number.isNaN(t)) { if (nanZero < 0) nanZero = i; } else if (k !== t) { nTruncated++; if (truncated < 0) truncated = i; }
      continue;
    }
    const at = describeAt('y_true', indexOf(i));
    const read = `${at} = ${t} is cast to ${bits} as ${show(k)}`;
    if (backend === 'tensorflow') {
      throw new EngineError(
        `${read}, outside the valid range of [0, ${C}): TensorFlow's sparse_softmax_cross_entropy_with_logits raises ` +
          `("Received a label value of ${show(k)} which is outside the valid range of [0, ${C})").`,
        'y_true', indexOf(i),
      );
    }
    if (backend === 'torch' && k !== -100) {
      throw new EngineError(
        `${read}: torch's nll_loss raises ("Target ${show(k)} is out of bounds."); only -100 (ignore_index) is skipped.`,
        'y_true', indexOf(i),
      );
    }
    if (backend === 'numpy' && k >= C) {
      throw new EngineError(
        `${read}: NumPy's one_hot raises ("index ${show(k)} is out of bounds for axis 1 with size ${C}"); ` +
          'only negative ids are skipped.',
        'y_true', indexOf(i),
      );
    }
    labels[i] = backend === 'torch' ? TORCH_IGNORED : ZERO_ONE_HOT;
    nZeroed++;
    if (zeroed < 0) zeroed = i;
  }
  const more = (count: number, what: string) => (count > 1 ? ` (${count - 1} more ${what})` : '');
  if (truncated >= 0) {
    ctx.warn({
      code: 'label_truncated',
      message: `${describeAt('y_true', indexOf(truncated))} = ${data[truncated]} is read as class ${labels[truncated]} ` +
        `(Keras casts labels to ${bits}, truncating toward 0)${more(nTruncated, 'fractional label(s)')}.`,
      field: 'y_true', index: indexOf(truncated),
    });
  }
  if (nanZero >= 0) {
    ctx.warn({
      code: 'label_truncated',
      message: `${describeAt('y_true', indexOf(nanZero))} = NaN is read as class 0: Keras on JAX casts labels to int32 with XLA, ` +
        'which turns NaN into 0 (a bare function or metric call casts on the host instead, where NaN scores 0).',
      field: 'y_true', index: indexOf(nanZero),
    });
  }
  if (zeroed >= 0) {
    const t = data[zeroed];
    const k = castLabel(t, cast);
    const rule = backend === 'torch'
      ? 'torch skips -100, nll_loss\'s ignore_index'
      : backend === 'numpy' ? 'NumPy\'s one_hot skips negative ids' : 'JAX\'s one_hot of an id outside the classes is all zeros';
    ctx.warn({
      code: 'label_out_of_range',
      message: `${describeAt('y_true', indexOf(zeroed))} = ${t} is cast to ${bits} as ${show(k)}, outside [0, ${C}): ` +
        `${rule}, so it scores 0 and still counts in the mean${more(nZeroed, 'such label(s)')}. TensorFlow raises.`,
      field: 'y_true', index: indexOf(zeroed),
    });
  }
  return { labels, valid };
}
