/**
 * float32 at scale: Keras's backends reduce in trees or cascades, so a mean over a million float32
 * samples stays within a few ulps of the exact one. A running float32 sum drifts by 1e-3 there.
 * Keras on JAX prints 0.9491722 for BinaryCrossentropy over these three rows tiled to 1,000,000.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type LossResult } from '../../../src/engine';
import { initKernels } from '../../../src/engine/accelerate';
import { wasmBytes } from '../wasm/helpers';

const ROWS = [[[0, 1], [0.5, 0.25]], [[1, 0], [0.9, 0.3]], [[1, 1], [0.61, 0.07]]] as const;
const N = 1_000_000;

function tiled(): { shape: number[]; t: Float32Array; p: Float32Array } {
  const t = new Float32Array(N * 2), p = new Float32Array(N * 2);
  for (let i = 0; i < N; i++) {
    const [y, q] = ROWS[i % 3];
    t.set(y, i * 2);
    p.set(q, i * 2);
  }
  return { shape: [N, 2], t, p };
}

describe('float32 means over a million samples agree with Keras to 1e-5 relative', () => {
  const { shape, t, p } = tiled();
  const mean = (kernels: 'never' | 'always') => (evaluate(
    { kind: 'loss', name: 'BinaryCrossentropy', y_true: { shape, data: t }, y_pred: { shape, data: p } },
    { dtype: 'float32', grad: false, kernels, kerasBackend: 'jax' },
  ) as LossResult);

  it('on the reference path', () => {
    const r = mean('never');
    expect(r.backend).toBe('ts');
    expect(Math.abs(r.value.data[0] - 0.9491722) / 0.9491722).toBeLessThan(1e-5);
  });

  it.each([
    ['wasm-simd', () => initKernels({ prefer: 'wasm', simdWasm: wasmBytes() })],
    ['js', () => initKernels({ prefer: 'js' })],
  ] as const)('through the %s kernels', async (backend, init) => {
    expect(await init()).toBe(backend);
    const r = mean('always');
    expect(r.backend).toBe(backend);
    expect(Math.abs(r.value.data[0] - 0.9491722) / 0.9491722).toBeLessThan(1e-5);
  });
});
