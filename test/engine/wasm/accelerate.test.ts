/**
 * Backend selection in accelerate.ts: SIMD detection, forced backends, and the warning fallback
 * when the module does not load.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  activeKernelBackend, initKernels, parseBackendPreference, runKernel,
} from '../../../src/engine/accelerate';
import { simdSupported } from '../../../src/engine/wasm/detect';
import { backendFromArgv, initKernelsNode } from '../../../src/engine/wasm/node';
import { makeCall } from '../kernels/reference';
import { wasmBytes } from './helpers';

const call = makeCall({
  fn: 'categorical_crossentropy', rows: 1, cols: 3, from_logits: true,
  yTrue: new Float32Array([0, 1, 0]), yPred: new Float32Array([1, 2, 3]),
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('initKernels', () => {
  it('detects WebAssembly SIMD in Node 20', () => {
    expect(simdSupported()).toBe(true);
  });

  it('picks wasm-simd under auto when SIMD is present, and runKernel reports it', async () => {
    expect(await initKernels({ simdWasm: wasmBytes() })).toBe('wasm-simd');
    expect(activeKernelBackend()).toBe('wasm-simd');
    expect(runKernel(call, true)?.backend).toBe('wasm-simd');
  });

  it('accepts a compiled WebAssembly.Module as well as bytes', async () => {
    const module = await WebAssembly.compile(wasmBytes());
    expect(await initKernels({ prefer: 'wasm', simdWasm: module })).toBe('wasm-simd');
  });

  it('prefer js forces the JS kernels', async () => {
    expect(await initKernels({ prefer: 'js', simdWasm: wasmBytes() })).toBe('js');
    expect(runKernel(call, true)?.backend).toBe('js');
  });

  it('falls back to JS with a console warning when the module fails to load', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await initKernels({ simdWasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99]) })).toBe('js');
    expect(warn).toHaveBeenCalledOnce();
    expect(runKernel(call, true)?.backend).toBe('js');
  });

  it('uses the JS kernels without a warning when the engine has no SIMD', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    expect(await initKernels({ simdWasm: wasmBytes() })).toBe('js');
    expect(warn).not.toHaveBeenCalled();
  });

  it('prefer wasm rejects instead of falling back', async () => {
    await expect(initKernels({ prefer: 'wasm', simdWasm: new Uint8Array([1, 2, 3]) })).rejects.toThrow(/backend "wasm" requested/);
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    await expect(initKernels({ prefer: 'wasm', simdWasm: wasmBytes() })).rejects.toThrow(/SIMD/);
  });

  it('initKernelsNode reads the build and honours --backend', async () => {
    wasmBytes();
    expect(await initKernelsNode({ prefer: backendFromArgv(['--backend', 'wasm']) })).toBe('wasm-simd');
    expect(await initKernelsNode({ prefer: backendFromArgv(['--backend=js']) })).toBe('js');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await initKernelsNode({ wasmPath: '/nonexistent/kernels_simd.wasm' })).toBe('js');
    expect(warn).toHaveBeenCalledOnce();
    await expect(initKernelsNode({ prefer: 'wasm', wasmPath: '/nonexistent/kernels_simd.wasm' })).rejects.toThrow(/build:wasm/);
  });
});

describe('parseBackendPreference', () => {
  it('reads ?backend= search strings and bare values', () => {
    expect(parseBackendPreference('?kernels=js')).toBe('js');
    expect(parseBackendPreference('?backend=js')).toBe('js'); // the older name
    expect(parseBackendPreference('?v=1&kernels=wasm&backend=js')).toBe('wasm');
    expect(parseBackendPreference('https://x.test/app?v=1&backend=wasm')).toBe('wasm');
    expect(parseBackendPreference('?v=1')).toBe('auto');
    expect(parseBackendPreference('wasm')).toBe('wasm');
    expect(parseBackendPreference('gpu')).toBe('auto');
    expect(parseBackendPreference(null)).toBe('auto');
  });
});
