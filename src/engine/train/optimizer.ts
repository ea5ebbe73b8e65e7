/**
 * The two optimizers, as Keras 3 writes their update steps (keras/src/optimizers/sgd.py with
 * momentum 0, adam.py):
 * - SGD: z ← z − lr·g.
 * - Adam, at iteration t = k + 1: α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ); m ← m + (g − m)(1 − β₁);
 *   v ← v + (g² − v)(1 − β₂); z ← z − m·α/(√v + ε). The bias correction is folded into α and
 *   ε is added to √v uncorrected ("epsilon hat" in Kingma & Ba), so early steps differ from the
 *   textbook m̂/(√v̂ + ε) by ε's scale.
 * Arithmetic is float64; with float32 compute the variables z, m and v are stored rounded to
 * float32 after every assignment, as Keras keeps them in float32 variables.
 */
import type { OptimizerSettings } from './params';

export interface Optimizer {
  /** Applies the k-th update (0-based) to z; writes Δz into `delta` when one is given (the explain step). */
  step(z: Float64Array, g: Float64Array, k: number, delta: Float64Array | null): void;
}

export function makeOptimizer(s: OptimizerSettings, n: number, float32: boolean): Optimizer {
  const r = float32 ? Math.fround : (x: number) => x;
  if (s.name === 'sgd') {
    const lr = s.learning_rate;
    return {
      step(z, g, _k, delta) {
        // Two plain loops rather than a rounding callback: this runs over every logit every step.
        if (delta) for (let i = 0; i < n; i++) delta[i] = (float32 ? Math.fround(z[i] - lr * g[i]) : z[i] - lr * g[i]) - z[i];
        if (float32) for (let i = 0; i < n; i++) z[i] = Math.fround(z[i] - lr * g[i]);
        else for (let i = 0; i < n; i++) z[i] -= lr * g[i];
      },
    };
  }
  const m = new Float64Array(n), v = new Float64Array(n);
  const { beta_1: b1, beta_2: b2, epsilon: eps, learning_rate: lr } = s;
  return {
    step(z, g, k, delta) {
      const t = k + 1;
      const alpha = (lr * Math.sqrt(1 - Math.pow(b2, t))) / (1 - Math.pow(b1, t));
      for (let i = 0; i < n; i++) {
        const gi = g[i];
        m[i] = r(m[i] + (gi - m[i]) * (1 - b1));
        v[i] = r(v[i] + (gi * gi - v[i]) * (1 - b2));
        const next = r(z[i] - (m[i] * alpha) / (Math.sqrt(v[i]) + eps));
        if (delta) delta[i] = next - z[i];
        z[i] = next;
      }
    },
  };
}
