/**
 * The exponentials a softmax needs, row by row: E = exp(z − M) with M a per-row shift, and the row
 * sums. Training calls this every step with logits that moved a little, so with float32 compute
 * the exponentials are carried over: exp(z − M) = exp(z_prev − M)·exp(d) with d = z − z_prev, and
 * exp(d) for |d| ≤ 1/64 is a five-term series (error below 1e-14 relative). A row with a larger
 * move (or a non-finite entry) is recomputed outright with the kernels' exp and a fresh shift (its
 * maximum), and every 32nd call recomputes all rows, so the carried error stays near 1e-13,
 * six orders below float32 rounding. With float64 compute every call uses Math.exp, to the last bit.
 */
import * as fastmath from '../kernels/fastmath';

const { fexp } = fastmath; // bound once (see fusedSoftmax.ts)

const MAX_MOVE = 1 / 64;
const REFRESH = 32;

export interface RowExp {
  /** exp(z − M), n x D. */
  E: Float64Array;
  /** Per-row shift (the row's maximum when it was last recomputed) and Σ E. */
  M: Float64Array;
  S: Float64Array;
  update(z: Float64Array): void;
}

export function rowExp(n: number, D: number, precise: boolean): RowExp {
  const E = new Float64Array(n * D), M = new Float64Array(n), S = new Float64Array(n), Z = new Float64Array(n * D);
  let calls = 0;
  return {
    E, M, S,
    update(z) {
      const carry = !precise && calls++ % REFRESH !== 0;
      for (let i = 0, o = 0; i < n; i++, o += D) {
        if (!(carry && carryRow(z, Z, E, S, i, o, D))) S[i] = freshRow(z, Z, E, M, i, o, D, precise);
      }
    },
  };
}

/** E·exp(d) for the row; false as soon as some |d| exceeds MAX_MOVE (the row is then recomputed whole). */
function carryRow(z: Float64Array, Z: Float64Array, E: Float64Array, S: Float64Array, i: number, o: number, D: number): boolean {
  let sum = 0;
  for (let j = o; j < o + D; j++) {
    const zj = z[j], d = zj - Z[j];
    if (!(d >= -MAX_MOVE && d <= MAX_MOVE)) return false;
    const x = E[j] * (1 + d * (1 + d * (0.5 + d * (1 / 6 + d * (1 / 24 + d * (1 / 120))))));
    E[j] = x;
    Z[j] = zj;
    sum += x;
  }
  S[i] = sum;
  return true;
}

function freshRow(z: Float64Array, Z: Float64Array, E: Float64Array, M: Float64Array, i: number, o: number, D: number, precise: boolean): number {
  const e = o + D;
  let m = z[o];
  for (let j = o + 1; j < e; j++) { const t = z[j]; if (t > m || t !== t) m = t; }
  let sum = 0;
  for (let j = o; j < e; j++) {
    const x = precise ? Math.exp(z[j] - m) : fexp(z[j] - m);
    E[j] = x;
    Z[j] = z[j];
    sum += x;
  }
  M[i] = m;
  return sum;
}
