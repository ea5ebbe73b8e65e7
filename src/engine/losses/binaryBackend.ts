/**
 * Where Keras's binary losses part ways between backends (spec §8 B1, B2, B6, B11), per entry:
 * the BCE-from-logits formula each backend's `binary_crossentropy` uses, torch's range checks, and
 * each backend's reverse-mode rules (clip, pow, the logits BCE), written literally so that NaN and
 * ±Infinity land where that backend's autodiff puts them.
 *
 * Sources (keras 3.15.1): keras/src/backend/<name>/nn.py `binary_crossentropy`;
 * keras/src/losses/losses.py `binary_focal_crossentropy` (sigmoid, then the probability BCE; the
 * TensorFlow backend's `_get_logits` finds the logits attached to that sigmoid's output and calls
 * `tf.nn.sigmoid_cross_entropy_with_logits` instead).
 */
import { EngineError, describeAt } from '../errors';
import type { Num } from '../numerics';
import { clip, softplus } from '../numerics';
import { unravel } from '../tensor';
import type { KerasBackend } from '../types';

/**
 * Per-entry BCE from a logit, as each backend writes it (B1: NumPy does not come here, it applies
 * a sigmoid and takes the clipped probability path):
 * - jax: −y·log σ(z) − (1 − y)·log σ(−z), log σ(x) = −softplus(−x);
 * - tensorflow (`sigmoid_cross_entropy_with_logits`): max(z, 0) − z·y + log1p(exp(−|z|));
 * - torch (`binary_cross_entropy_with_logits`): (1 − y)·z − log σ(z).
 * Literal IEEE arithmetic, so ±Infinity logits give NaN or +Infinity where that backend does
 * (z = +∞, y = 0: jax and torch +∞, TensorFlow NaN; z = −∞, y = 1: jax and TensorFlow +∞, torch NaN).
 */
export function bceLogitValue(y: number, z: number, num: Num, backend: KerasBackend): number {
  const r = num.r;
  if (backend === 'tensorflow') {
    const cond = z >= 0;
    const relu = cond ? z : 0;
    const negAbs = cond ? -z : z;
    return r(r(relu - r(z * y)) + r(Math.log1p(r(Math.exp(negAbs)))));
  }
  if (backend === 'torch') {
    // at::log_sigmoid(z) = min(z, 0) − log1p(exp(−|z|)).
    const logSig = r(r(Math.min(z, 0)) - r(Math.log1p(r(Math.exp(-Math.abs(z))))));
    return r(r(r(1 - y) * z) - logSig);
  }
  return r(r(y * r(softplus(-z))) + r(r(1 - y) * r(softplus(z))));
}

/** σ(z) in float64 as every backend's kernel gives it (σ(+∞) = 1, σ(−∞) = 0, NaN stays NaN). */
function sig(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** d(bceLogitValue)/dz times the incoming cotangent g, by each backend's autodiff. */
export function bceLogitGrad(g: number, y: number, z: number, backend: KerasBackend): number {
  if (backend === 'tensorflow') {
    // tf.where routes the cotangent: relu → g where z >= 0; −z·y → −g·y; log1p(exp(n)) → g·e/(1+e).
    const cond = z >= 0;
    const e = Math.exp(cond ? -z : z);
    const gl = (g / (1 + e)) * e;
    return (cond ? g : 0) + -(g * y) + (cond ? -gl : gl);
  }
  if (backend === 'torch') return (sig(z) - y) * g; // binary_cross_entropy_with_logits_backward
  // jax: −y·log σ(z) − (1 − y)·log σ(−z); d log σ(z)/dz = 1 − σ(z) = σ(−z).
  return -(g * y) * sig(-z) + g * (1 - y) * sig(z);
}

/**
 * d clip(x, lo, hi)/dx applied to the cotangent g. JAX builds clip from maximum/minimum whose
 * derivatives multiply (½ exactly on a bound, and NaN·0 is NaN); TensorFlow (Maximum/Minimum
 * gradients) and torch (clamp_backward) SELECT: inside [lo, hi] inclusive the full g, elsewhere,
 * NaN x included, exactly 0 whatever g is.
 */
export function clipGrad(g: number, x: number, lo: number, hi: number, num: Num, backend: KerasBackend): number {
  if (backend === 'jax') {
    const d = x > lo && x < hi ? 1 : x === lo || x === hi ? num.onBound : 0;
    return g * d;
  }
  return x >= lo && x <= hi ? g : 0;
}

/**
 * Cotangent of the clipped-probability BCE −[y·log(pc) + (1 − y)·log(1 − pc)] with respect to the
 * unclipped p. torch's `binary_cross_entropy` backward is g·(pc − y)/max(pc(1 − pc), 1e-12);
 * jax and TensorFlow differentiate the two logs. tf.keras 2 adds ε inside both logs.
 */
export function bceProbGrad(
  g: number, y: number, p: number, num: Num, backend: KerasBackend, legacy: boolean,
): number {
  const { LO, HI, EPS } = num;
  const pc = clip(p, LO, HI);
  let gpc: number;
  if (backend === 'torch') {
    gpc = (g * (pc - y)) / Math.max((1 - pc) * pc, 1e-12);
  } else {
    const a = legacy ? pc + EPS : pc;
    const b = legacy ? 1 - pc + EPS : 1 - pc;
    gpc = -(g * y) / a + (g * (1 - y)) / b;
  }
  return clipGrad(gpc, p, LO, HI, num, backend);
}

/**
 * Cotangent of q^γ with respect to q. jax (lax.pow) and TensorFlow (PowGrad) give g·γ·q^(γ−1),
 * which is NaN at γ = 0, q = 0 (0·∞); torch's pow_backward returns exactly 0 when γ = 0.
 */
export function powGrad(g: number, q: number, gamma: number, backend: KerasBackend): number {
  if (backend === 'torch' && gamma === 0) return 0;
  return g * (gamma * Math.pow(q, gamma - 1));
}

/**
 * torch's `binary_cross_entropy` kernel checks every (clipped) probability and every target,
 * element by element in memory order: "all elements of input should be between 0 and 1" (a NaN
 * probability fails), then "all elements of target should be between 0 and 1" (a target outside
 * [0, 1], ±Infinity or NaN fails, also one pushed out by label smoothing).
 * `pc` and `y` are in y_pred's own layout (row-major), `yRaw` the unsmoothed y_true there.
 */
export function torchRangeCheck(
  shape: number[], pc: ArrayLike<number>, y: ArrayLike<number>, yRaw: ArrayLike<number>,
  pRaw: ArrayLike<number>, fromLogits: boolean,
): void {
  for (let k = 0; k < pc.length; k++) {
    const at = unravel(k, shape);
    if (!(pc[k] >= 0 && pc[k] <= 1)) {
      const what = fromLogits ? `σ(y_pred) of the logit ${pRaw[k]} is ${pc[k]}` : `= ${pRaw[k]}`;
      throw new EngineError(
        `${describeAt('y_pred', at)} ${what}: torch's binary_cross_entropy raises "all elements of input should be ` +
          'between 0 and 1" (a NaN probability fails its range check).',
        'y_pred', at,
      );
    }
    if (!(y[k] >= 0 && y[k] <= 1)) {
      const smoothed = y[k] !== yRaw[k] && !(Number.isNaN(y[k]) && Number.isNaN(yRaw[k]));
      const what = smoothed ? `= ${yRaw[k]} becomes ${y[k]} after label smoothing` : `= ${yRaw[k]}`;
      throw new EngineError(
        `${describeAt('y_true', at)} ${what}: torch's binary_cross_entropy raises "all elements of target should be ` +
          'between 0 and 1" (targets must lie in [0, 1] on the torch backend).',
        'y_true', at,
      );
    }
  }
}
