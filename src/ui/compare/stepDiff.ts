/**
 * Where two backends' computations part: the first step (by name, in the engine's order) whose
 * tensor differs beyond float32 rounding. Pure.
 */
import type { Step } from '../../engine/types';

/** float32 carries 24 bits: values within two units in the last place are "the same" here. */
const REL = 2 ** -22;

/** True when a and b agree to float32 rounding (NaN agrees with NaN, inf with the same inf). */
export function closeF32(a: number, b: number): boolean {
  if (Object.is(a, b) || a === b) return true;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b));
}

/** True when two tensors differ in shape or in any entry beyond float32 rounding. */
export function tensorsDiffer(a: { shape: number[]; data: ArrayLike<number> }, b: { shape: number[]; data: ArrayLike<number> }): boolean {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) return true;
  for (let i = 0; i < a.data.length; i++) if (!closeF32(a.data[i], b.data[i])) return true;
  return false;
}

export interface StepDifference {
  name: string;
  /** 'differs': both have the step and its tensors differ; 'only': one backend has a step the other has not. */
  kind: 'differs' | 'only';
}

/**
 * The first step of `other` (in its order) that `base` computes differently: same name with a
 * differing tensor, or a step `base` does not have at all. Repeated names pair up in order.
 * Null when every step agrees (the difference, if any, lies after the steps: reduction, gradient).
 */
export function firstDifferingStep(base: readonly Step[] | undefined, other: readonly Step[] | undefined): StepDifference | null {
  if (!base?.length || !other?.length) return null;
  const seen = new Map<string, number>();
  for (const s of other) {
    const n = seen.get(s.name) ?? 0;
    seen.set(s.name, n + 1);
    const match = base.filter((b) => b.name === s.name)[n];
    if (!match) return { name: s.name, kind: 'only' };
    if (tensorsDiffer(match.tensor, s.tensor)) return { name: s.name, kind: 'differs' };
  }
  // A step only the base has, after all of other's agree.
  const names = new Set(other.map((s) => s.name));
  const extra = base.find((b) => !names.has(b.name));
  return extra ? { name: extra.name, kind: 'only' } : null;
}
