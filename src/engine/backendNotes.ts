/**
 * What each Keras backend returns where the backends part ways, as pure data: the engine's warnings
 * and the page's pitfalls state these facts from this one table (no engine code comes with it).
 */
import type { KerasBackend } from './types';

/** How people name the backends (the page and the engine's messages). */
export const BACKEND_LABELS: Record<KerasBackend, string> = {
  tensorflow: 'TensorFlow', jax: 'JAX', torch: 'PyTorch', numpy: 'NumPy',
};

/** CTC with no feasible alignment: the value each backend returns, why, and its gradient there. */
const CTC_INFEASIBLE: Record<KerasBackend, { value: string; why?: string; grad?: string }> = {
  jax: { value: 'about 1e5', why: 'its log(0) stand-in is -1e5', grad: 'a finite gradient' },
  numpy: { value: 'about 1e5', why: 'its log(0) stand-in is -1e5' },
  tensorflow: { value: 'about 707 to 713', why: 'it ends such paths with log(1e-307) = -706.9', grad: 'a finite gradient' },
  torch: { value: 'inf', grad: 'a NaN gradient' },
};

/** "about 1e5 (its log(0) stand-in is -1e5) and a finite gradient"; `brief` leaves out the why. */
export function ctcInfeasibleReturns(backend: KerasBackend, brief = false): string {
  const { value, why, grad } = CTC_INFEASIBLE[backend];
  return `${value}${why && !brief ? ` (${why})` : ''}${grad ? ` and ${grad}` : ''}`;
}
