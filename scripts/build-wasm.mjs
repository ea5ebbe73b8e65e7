#!/usr/bin/env node
/**
 * Builds the WebAssembly SIMD kernels from their AssemblyScript sources
 * (src/engine/wasm/assembly/) into src/engine/wasm/build/, which is gitignored: a fresh clone
 * builds them here and no binary is committed. Uses the `assemblyscript` devDependency's
 * compiler API (asconfig.json, target "simd"), so nothing is downloaded.
 *
 *   node scripts/build-wasm.mjs               release build: build/kernels_simd.wasm (+ .wat)
 *   node scripts/build-wasm.mjs --debug       also build/kernels_simd.debug.wasm with names
 *   node scripts/build-wasm.mjs --if-missing  skip when the output is newer than every source
 *
 * Outputs are compiled into a temporary directory and renamed into place, so concurrent runs
 * (parallel test workers) never see a half-written file.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'src/engine/wasm/assembly');
const buildDir = join(root, 'src/engine/wasm/build');
const outputs = {
  simd: join(buildDir, 'kernels_simd.wasm'),
  debug: join(buildDir, 'kernels_simd.debug.wasm'),
};
const args = new Set(process.argv.slice(2));

function newestSourceTime() {
  let newest = statSync(join(root, 'asconfig.json')).mtimeMs;
  newest = Math.max(newest, statSync(fileURLToPath(import.meta.url)).mtimeMs);
  for (const name of readdirSync(sourceDir)) newest = Math.max(newest, statSync(join(sourceDir, name)).mtimeMs);
  return newest;
}

if (args.has('--if-missing') && existsSync(outputs.simd) && statSync(outputs.simd).mtimeMs >= newestSourceTime()) {
  process.exit(0);
}

mkdirSync(buildDir, { recursive: true });
const targets = args.has('--debug') ? ['simd', 'debug'] : ['simd'];
for (const target of targets) {
  const started = performance.now();
  const tmp = mkdtempSync(join(buildDir, '.tmp-'));
  const wasm = join(tmp, basename(outputs[target]));
  const wat = wasm.replace(/\.wasm$/, '.wat');
  try {
    const { error } = await asc.main(
      ['--config', join(root, 'asconfig.json'), '--target', target, '--outFile', wasm, '--textFile', wat],
      { stdout: process.stdout, stderr: process.stderr },
    );
    if (error) {
      console.error(`build-wasm: target "${target}" failed: ${error.message}`);
      process.exitCode = 1;
      break;
    }
    renameSync(wat, outputs[target].replace(/\.wasm$/, '.wat'));
    renameSync(wasm, outputs[target]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const ms = (performance.now() - started).toFixed(0);
  console.log(`build-wasm: ${target} -> ${outputs[target].slice(root.length + 1)} (${ms} ms)`);
}
