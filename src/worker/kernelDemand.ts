/**
 * Whether a job can reach the fused kernels, so the worker loads them only then: the engine routes
 * an evaluation to them from KERNEL_MIN_ELEMENTS entries up (or always, when asked), and smaller
 * inputs take the reference path whether the kernels are loaded or not. The numbers are the same
 * either way; only the speed differs.
 */
import { KERNEL_MIN_ELEMENTS } from '../engine/kernelPath';
import type { EvalItem, ExtraCall } from './protocol';

/** Entries of a packed tensor, typed array or nested list (its shape read along first elements). */
function entries(v: unknown): number {
  if (ArrayBuffer.isView(v)) return (v as unknown as ArrayLike<number>).length;
  let n = 1;
  for (let cur: unknown = v; Array.isArray(cur); cur = cur[0]) n *= cur.length;
  return n;
}

/** True when some tensor in `v` (a request, an extra's arguments) has KERNEL_MIN_ELEMENTS entries or more. */
function holdsLargeTensor(v: unknown, depth: number): boolean {
  if (v === null || typeof v !== 'object' || depth > 6) return false;
  if (ArrayBuffer.isView(v)) return entries(v) >= KERNEL_MIN_ELEMENTS;
  if (Array.isArray(v)) {
    if (v.length && (typeof v[0] === 'number' || Array.isArray(v[0]))) return entries(v) >= KERNEL_MIN_ELEMENTS;
    return v.some((x) => holdsLargeTensor(x, depth + 1));
  }
  return Object.values(v).some((x) => holdsLargeTensor(x, depth + 1));
}

export function jobWantsKernels(items: readonly EvalItem[], extras: Readonly<Record<string, ExtraCall>>): boolean {
  if (items.some((it) => it.opts?.kernels === 'always')) return true;
  return holdsLargeTensor(items, 0) || holdsLargeTensor(Object.values(extras), 0);
}
