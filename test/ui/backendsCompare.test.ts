import { describe, expect, it } from 'vitest';
import { evaluateMany } from '../../src/engine/index';
import type { LossResult, Step } from '../../src/engine/types';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { reasonFor, REASONS } from '../../src/ui/compare/backendReasons';
import { backendsPlan, readBackends } from '../../src/ui/compare/backendsModel';
import { closeF32, firstDifferingStep, tensorsDiffer } from '../../src/ui/compare/stepDiff';
import type { ItemOutcome } from '../../src/worker/protocol';

const t = (data: number[]) => ({ shape: [data.length], data: Float64Array.from(data) });
const step = (name: string, data: number[]): Step => ({ name, label: name, tensor: t(data) });

describe('step-difference finder', () => {
  it('float32 rounding is not a difference; NaN matches NaN; shapes must match', () => {
    expect(closeF32(0.1, Math.fround(0.1))).toBe(true);
    expect(closeF32(0.051293444, 0.051293306)).toBe(false);
    expect(closeF32(NaN, NaN)).toBe(true);
    expect(closeF32(NaN, 1)).toBe(false);
    expect(closeF32(Infinity, Infinity)).toBe(true);
    expect(closeF32(0, 1e-7)).toBe(false);
    expect(tensorsDiffer(t([1, 2]), { shape: [2, 1], data: Float64Array.from([1, 2]) })).toBe(true);
  });

  it('names the first step, in order, whose tensor differs beyond float32 rounding', () => {
    const jax = [step('one_hot', [0, 1]), step('p_clipped', [1e-7, 1 - 1e-7]), step('log_p', [-16.1, -1.2e-7]), step('per_sample', [1.2e-7])];
    const tf = [step('one_hot', [0, 1]), step('p_clipped', [1e-7, Math.fround(1 - 1e-7)]), step('log_p', [-16.1, -2e-7]), step('per_sample', [2e-7])];
    expect(firstDifferingStep(jax, tf)).toEqual({ name: 'log_p', kind: 'differs' });
    expect(firstDifferingStep(jax, jax)).toBeNull();
  });

  it('a step only one backend computes is where they part; repeated names pair up in order', () => {
    const a = [step('one_hot', [1]), step('log_p', [0])];
    expect(firstDifferingStep(a, [step('one_hot', [1]), step('p_clipped', [0.5]), step('log_p', [0])])).toEqual({ name: 'p_clipped', kind: 'only' });
    expect(firstDifferingStep([...a, step('per_sample', [1])], a)).toEqual({ name: 'per_sample', kind: 'only' });
    const rep = [step('log_alpha', [0]), step('log_alpha', [1])];
    expect(firstDifferingStep(rep, [step('log_alpha', [0]), step('log_alpha', [2])])).toEqual({ name: 'log_alpha', kind: 'differs' });
    expect(firstDifferingStep(undefined, a)).toBeNull();
  });
});

describe('reason sentences', () => {
  it('TensorFlow SCCE: "TensorFlow clips before renormalising: step log_p"', () => {
    expect(reasonFor('sparse_categorical_crossentropy', 'log_p', 'tensorflow', 'jax'))
      .toEqual({ text: 'TensorFlow clips before renormalising (−log p_label + log Σp after the clip): step {step}', step: 'log_p' });
  });

  it('uses the selected backend’s sentence when the differing one has none', () => {
    expect(reasonFor('binary_focal_crossentropy', 'p_clipped', 'jax', 'tensorflow').text).toMatch(/^TensorFlow does not clip/);
  });

  it('falls back to the sentences for every function, then to "differs from step X on"', () => {
    expect(reasonFor('poisson', 'gradient', 'numpy', 'tensorflow')).toEqual({ text: 'NumPy has no automatic differentiation: Keras on NumPy gives no gradient', step: 'gradient' });
    expect(reasonFor('kl_divergence', 'p_clipped', 'torch', 'jax')).toEqual({ text: 'PyTorch differs from JAX from step {step} on', step: 'p_clipped' });
    expect(reasonFor(null, 'reduction', 'jax', 'tf_keras2').text).toBe('The per-sample values agree; JAX reduces them differently');
  });

  it('every sentence is one sentence: no trailing full stop, placeholders only {b} and {s}', () => {
    for (const steps of Object.values(REASONS)) {
      for (const s of Object.values(steps)) {
        for (const text of Object.values(s)) {
          expect(text).not.toMatch(/\.$/);
          expect(text.replace(/\{[bs]\}/g, '')).not.toMatch(/[{}]/);
        }
      }
    }
  });
});

const loss = (per: number[], steps: Step[], grad?: number[]): LossResult => ({
  kind: 'loss', name: 'SparseCategoricalCrossentropy', config: {}, value: { shape: [], data: Float64Array.from([per.reduce((a, b) => a + b) / per.length]) },
  perSample: t(per), weights: null, reduction: null, steps, warnings: [], dtype: 'float32', semantics: 'keras3', kerasBackend: 'tensorflow', backend: 'ts',
  ...(grad ? { grad: t(grad) } : { gradError: 'The NumPy backend has no automatic differentiation.' }),
});

describe('reading the five outcomes', () => {
  const plan = backendsPlan({ ...defaultDoc(), kerasBackend: 'jax' });
  const jaxSteps = [step('one_hot', [0, 1]), step('log_p', [-0.051293306, -2.3025851]), step('per_sample', [0.051293306, 2.3025851])];
  const tfSteps = [step('one_hot', [0, 1]), step('log_p', [-0.051293444, -2.3025851]), step('per_sample', [0.051293444, 2.3025851])];
  const ok = (r: LossResult): ItemOutcome => ({ ok: true, result: r });

  it('highlights values and samples that differ from the selected backend, with the step where they part', () => {
    const outcomes: ItemOutcome[] = [
      ok(loss([0.051293444, 2.3025851], tfSteps, [1, 2])), ok(loss([0.051293306, 2.3025851], jaxSteps, [1, 2])),
      ok(loss([0.051293306, 2.3025851], jaxSteps, [1, 2])), ok(loss([0.051293306, 2.3025851], jaxSteps)),
      { ok: false, error: { message: 'y_true[1] is 3: expected a class id in [0, 3) (TensorFlow raises).', field: 'y_true', index: [1] } },
    ];
    const v = readBackends(plan, outcomes);
    expect(v.selected).toBe('jax');
    // The means agree in float32 (1.1769392 on all four); sample 0 does not.
    expect(v.columns.map((c) => c.valueDiffers)).toEqual([false, false, false, false, true]);
    expect(v.rows).toEqual([{ index: [0], values: [0.051293444, 0.051293306, 0.051293306, 0.051293306, null], differs: [true, false, false, false, false] }]);
    expect(v.columns[0].reason).toEqual({ text: expect.stringMatching(/^TensorFlow clips before renormalising.*: step \{step\}$/), step: 'log_p' });
    expect(v.columns[3]).toMatchObject({ grad: 'none', reason: { step: 'gradient', text: expect.stringMatching(/^NumPy has no automatic differentiation/) } });
    expect(v.columns[4]).toMatchObject({ error: expect.stringMatching(/TensorFlow raises/), reason: { text: 'tf.keras 2 raises on this input where JAX computes' } });
    expect(v.columns[1].reason).toBeNull();
  });

  it('on the real engine, the first SCCE example: all five computed, NumPy without a gradient, every difference explained', () => {
    const doc: ExampleDoc = defaultDoc();
    const p = backendsPlan(doc);
    expect(p.items.map((i) => [i.opts?.semantics, i.opts?.kerasBackend])).toEqual([
      ['keras3', 'tensorflow'], ['keras3', 'jax'], ['keras3', 'torch'], ['keras3', 'numpy'], ['tf_keras2', 'tensorflow'],
    ]);
    expect(p.items.every((i) => i.opts?.steps && i.opts.grad)).toBe(true);
    const v = readBackends(p, evaluateMany(p.items));
    expect(v.columns.map((c) => c.error)).toEqual([null, null, null, null, null]);
    // TensorFlow (selected) clips before renormalising; the others renormalise first: they part at log_p.
    expect(v.columns.find((c) => c.target === 'numpy')).toMatchObject({ grad: 'none', valueDiffers: false });
    expect(v.rows[0]).toMatchObject({ index: [0], differs: [false, true, true, true, false] });
    expect(v.columns.find((c) => c.target === 'jax')?.reason).toEqual({ text: 'JAX renormalises first and then clips: step {step}', step: 'log_p' });
    for (const c of v.columns) if (c.valueDiffers || v.rows.some((r) => r.differs[v.columns.indexOf(c)])) expect(c.reason?.step).toBeTruthy();
  });
});
