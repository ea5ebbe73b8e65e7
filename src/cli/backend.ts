/**
 * Kernel backend for the CLI: `--backend wasm` (WASM SIMD kernels, an error if they cannot load),
 * `--backend js` (the JS kernels) or `auto` (WASM SIMD when available, else JS). An explicit
 * choice routes every case the kernels cover through them, so conformance can be checked per
 * backend; `auto` uses them only for large inputs.
 */
import type { EvalOptions } from '../engine';
import { initKernelsNode } from '../engine/wasm/node';

export type BackendChoice = 'auto' | 'js' | 'wasm';

export async function setupBackend(choice: BackendChoice): Promise<EvalOptions['kernels']> {
  await initKernelsNode({ prefer: choice });
  return choice === 'auto' ? 'auto' : 'always';
}
