/**
 * Node-only start-up helper (the CLI, tests, the bench): reads src/engine/wasm/build/*.wasm with
 * fs and calls initKernels. Kept apart from the loader so the browser bundle never imports fs.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { initKernels, parseBackendPreference, type KernelBackend } from '../accelerate';

/** Where `npm run build:wasm` writes the SIMD kernels. */
export function kernelWasmPath(): string {
  return fileURLToPath(new URL('./build/kernels_simd.wasm', import.meta.url));
}

/** The --kernels js|wasm (or --kernels=js, or the older --backend) value in an argv list, as an initKernels preference. */
export function backendFromArgv(argv: readonly string[]): 'auto' | 'wasm' | 'js' {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--kernels' || argv[i] === '--backend') return parseBackendPreference(argv[i + 1] ?? null);
    const eq = /^--(kernels|backend)=(.*)$/.exec(argv[i]);
    if (eq) return parseBackendPreference(eq[2]);
  }
  return 'auto';
}

/**
 * Node helper: read src/engine/wasm/build/kernels_simd.wasm and init. A missing build falls back
 * to the JS kernels with a warning (under 'auto') or rejects (under 'wasm').
 */
export async function initKernelsNode(opts: { prefer?: 'auto' | 'wasm' | 'js'; wasmPath?: string } = {}): Promise<KernelBackend> {
  const prefer = opts.prefer ?? 'auto';
  if (prefer === 'js') return initKernels({ prefer });
  const path = opts.wasmPath ?? kernelWasmPath();
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const why = `cannot read ${path} (run \`npm run build:wasm\`)`;
    if (prefer === 'wasm') throw new Error(`backend "wasm" requested, but ${why}`, { cause: error });
    console.warn(`Loss Playground: ${why}; using the JS kernels.`);
    return initKernels({ prefer: 'js' });
  }
  return initKernels({ prefer, simdWasm: bytes });
}
