/**
 * Central finite differences: the independent oracle for every analytic gradient the engine
 * returns. g_i ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h, truncation error O(h²·f'''), rounding error
 * O(ε·|f|/h); h = 1e-6 balances both for inputs of order 1 kept away from kinks (clip bounds).
 */

export const FD_STEP = 1e-6;

/** ∂f/∂x_i for every i, by central differences with step `h` (scaled by max(1, |x_i|)). */
export function centralDifference(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  h = FD_STEP,
): Float64Array {
  const base = Float64Array.from(x);
  const g = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const step = h * Math.max(1, Math.abs(base[i]));
    const xi = base[i];
    base[i] = xi + step;
    const up = f(base);
    base[i] = xi - step;
    const down = f(base);
    base[i] = xi;
    g[i] = (up - down) / (2 * step);
  }
  return g;
}

/** Directional derivative of f at x along v (one pair of evaluations), for large inputs. */
export function directionalDifference(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  v: ArrayLike<number>,
  h = FD_STEP,
): number {
  const up = Float64Array.from(x, (xi, i) => xi + h * v[i]);
  const down = Float64Array.from(x, (xi, i) => xi - h * v[i]);
  return (f(up) - f(down)) / (2 * h);
}
