/**
 * Where a NaN or infinite loss came from, for a person chasing it: the input cell that carried it
 * in (Keras computes with NaN and infinity: NaN in, NaN out), or else the first step of the
 * derivation that made a non-finite value out of finite inputs (the log of a negative number).
 */
import type { Dense } from './reduction';
import { unravel } from './tensor';
import type { EngineWarning, Step, Tensor } from './types';

/** `y_pred[0, 1]`: a cell as NumPy prints an index. */
export function cellName(field: string, index: readonly number[]): string {
  return index.length ? `${field}[${index.join(', ')}]` : field;
}

function firstNonFinite(t: { data: ArrayLike<number> }): number {
  for (let i = 0; i < t.data.length; i++) if (!Number.isFinite(t.data[i])) return i;
  return -1;
}

function show(x: number): string {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'inf' : '-inf';
}

/**
 * `outputs`: the per-sample values, then the weighted or reduced loss; the first non-finite one is
 * explained. `formulaExplained`: the family already said why its formula made a NaN from finite
 * inputs (Poisson's log of a negative number), so only an input carrying one is worth a warning.
 */
export function nonFiniteWarning(
  outputs: { what: string; values: Dense }[], inputs: { field: string; tensor: Tensor }[], steps: Step[],
  formulaExplained = false,
): EngineWarning | null {
  const out = outputs.find((o) => firstNonFinite(o.values) >= 0);
  if (!out) return null;
  const { values } = out;
  const v = firstNonFinite(values);
  const sample = `The ${out.what}${values.shape.length ? ` ${cellName('', unravel(v, values.shape))}` : ''} is ${show(values.data[v])}`;
  const origin = steps.find((s) => firstNonFinite(s.tensor) >= 0);
  const at = origin ? `; it first appears at step ${origin.name}` : '';
  for (const { field, tensor } of inputs) {
    const i = firstNonFinite(tensor);
    if (i < 0) continue;
    const index = unravel(i, tensor.shape);
    return {
      code: 'non_finite', field, index, step: origin?.name,
      message: `${sample}: ${cellName(field, index)} is ${show(tensor.data[i])} and Keras computes with it${at}.`,
    };
  }
  if (formulaExplained) return null;
  const index = origin ? unravel(firstNonFinite(origin.tensor), origin.tensor.shape) : undefined;
  const field = origin?.alignsWith && origin.alignsWith !== 'per_sample' ? origin.alignsWith : undefined;
  return {
    code: 'non_finite', field, index: field ? index : undefined, step: origin?.name,
    message: `${sample}: every input is finite, so the formula made it` +
      (origin ? ` at step ${origin.name} (${origin.label}), entry ${cellName(field ?? origin.name, index!)}` : '') +
      ' (e.g. the log of a negative number, or a probability outside [0, 1] with a fractional gamma).',
  };
}
