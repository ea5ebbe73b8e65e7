/**
 * Every conformance case again, in float32 with the fused kernels forced on ('always'), once per
 * kernel backend: the WASM SIMD build and the JS fallback. docs.jsonl and public.jsonl were recorded
 * on JAX; backends.jsonl names the Keras backend of each case. Cases the kernels do not cover
 * (CTC, other axes, broadcasting, metrics, and the inputs where a Keras backend's math parts from
 * the kernels') still run, on the reference path, and must pass too.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkOutput, runCase, type Case } from '../../src/cli/cases';
import { initKernels } from '../../src/engine/accelerate';
import { evaluate } from '../../src/engine';
import { caseToRequest } from '../../src/cli/cases';
import { wasmBytes } from '../engine/wasm/helpers';

const cases: Case[] = ['docs.jsonl', 'public.jsonl', 'backends.jsonl'].flatMap((f) =>
  readFileSync(new URL(f, import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case))
  .map((c) => ({ keras_backend: 'jax', ...c }));

describe.each([
  ['wasm-simd', () => initKernels({ prefer: 'wasm', simdWasm: wasmBytes() })],
  ['js', () => initKernels({ prefer: 'js' })],
] as const)('conformance through the %s kernels', (backend, init) => {
  beforeAll(async () => {
    expect(await init()).toBe(backend);
  });

  it.each(cases.map((c) => [`${String(c.id)}@${String(c.keras_backend)}`, c] as const))('%s matches Keras in float32', (_id, c) => {
    expect(checkOutput(c, runCase(c, 'float32', 'keras3', 'always'), 'float32')).toBeNull();
  });

  it('routes the cases it covers through the kernels and reports it', () => {
    const used = cases.filter((c) => c.kind !== 'metric' && !('error' in (c.expect ?? {})))
      .map((c) => (evaluate(caseToRequest(c), { dtype: 'float32', kernels: 'always', kerasBackend: c.keras_backend as never }) as { backend: string }).backend);
    expect(used.filter((b) => b === backend).length).toBeGreaterThan(1500);
  });

  it('keeps small inputs, steps and float64 on the reference engine under the default policy', () => {
    const req = { kind: 'loss' as const, name: 'CategoricalCrossentropy', y_true: [[0, 1]], y_pred: [[0.3, 0.7]] };
    expect((evaluate(req, { dtype: 'float32' }) as { backend: string }).backend).toBe('ts');
    expect((evaluate(req, { dtype: 'float32', kernels: 'always', steps: true }) as { backend: string }).backend).toBe('ts');
    expect((evaluate(req, { dtype: 'float64', kernels: 'always' }) as { backend: string }).backend).toBe('ts');
    const big = { ...req, y_true: Array.from({ length: 1000 }, () => [0, 1]), y_pred: Array.from({ length: 1000 }, () => [0.2, 0.8]) };
    // 2,000 entries: below the threshold; 5,000 rows of 2: above it.
    expect((evaluate(big, { dtype: 'float32' }) as { backend: string }).backend).toBe('ts');
    const bigger = { ...req, y_true: Array.from({ length: 5000 }, () => [0, 1]), y_pred: Array.from({ length: 5000 }, () => [0.2, 0.8]) };
    const r = evaluate(bigger, { dtype: 'float32' }) as { backend: string; value: { data: Float32Array } };
    expect(r.backend).toBe(backend);
    expect(r.value.data[0]).toBeCloseTo(-Math.log(0.8), 5);
  });
});
