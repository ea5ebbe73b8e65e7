/**
 * q^x for the fused focal loops: exp(x·log q) with the kernels' inlined exp and log (about 1e-11
 * relative, where Math.pow costs some 75 ns a call). Math.pow keeps the edge cases IEEE's way:
 * 0, subnormal, infinite or NaN bases, and 0^0 = 1.
 */
import * as fastmath from '../kernels/fastmath';

const { fexp, flog } = fastmath; // bound once (see fusedSoftmax.ts)

export function fpow(q: number, x: number): number {
  return q >= 1e-300 && q < Infinity ? fexp(x * flog(q)) : Math.pow(q, x);
}
