/**
 * Loss Playground kernel benchmark: forward + gradient of the seven fused losses at
 * 1,000 x 10, 100,000 x 10, 1,000,000 x 10 and 10,000 x 1,000 on wasm-simd, js, tfjs-wasm and
 * tfjs-cpu, all measured in one run after warm-up; then one 64 x 10 evaluation and a 101-point
 * focal gamma sweep over 10,000 x 10; then the issue-6 targets as ratios from this same run.
 *
 *   npm run bench                 table on stdout
 *   npm run bench -- --json       the same rows as one JSON array on stdout (progress on stderr)
 *   npm run bench -- --quick      fewer repetitions
 *   npm run bench -- --full       also tfjs-cpu at the two 10 M-element shapes (about 10 s per
 *                                 call, four more minutes: skipped by default to keep the run short)
 *   npm run bench -- --only cat   only losses whose name contains "cat" (for working on one kernel)
 *   npm run bench -- --impl js    only these implementations (comma-separated)
 *   npm run bench -- --training   only the training section (issue 15, bench/training.ts)
 *
 * wasm-simd and js run through accelerate.ts's runKernel with engine-owned buffers (inputs
 * written once, outputs read in place: the zero-copy path the worker uses). tfjs runs
 * tf.valueAndGrad of the summed per-sample loss with the input tensors created beforehand and
 * both results read back (dataSync); see tfjsLosses.ts for which tfjs losses are composed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import {
  initKernels, kernelBuffers, runGammaSweep, runKernel, type KernelCall, type KernelFn,
} from '../src/engine/accelerate';
import { kernelWasmPath } from '../src/engine/wasm/node';
import { composed, valueAndGradRunner } from './tfjsLosses';
import { machine, makeInputs, medianBatchedMs, medianMs, type TimingPlan } from './timing';
import { printTable, printTargets, withRatios, type Row } from './report';
import { trainingRows } from './training';

const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const quick = args.has('--quick');
const full = args.has('--full');
const trainingOnly = args.has('--training');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '') : '';
const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

type Impl = 'wasm-simd' | 'js' | 'tfjs-wasm' | 'tfjs-cpu';
const implAt = process.argv.indexOf('--impl');
const IMPLS = (['wasm-simd', 'js', 'tfjs-wasm', 'tfjs-cpu'] as Impl[]).filter(
  (impl) => implAt < 0 || (process.argv[implAt + 1] ?? '').split(',').includes(impl),
);
const SHAPES: Array<[number, number]> = [[1_000, 10], [100_000, 10], [1_000_000, 10], [10_000, 1_000]];
const ALL_LOSSES: Array<[KernelFn, boolean]> = [
  ['binary_crossentropy', false], ['binary_crossentropy', true],
  ['binary_focal_crossentropy', false], ['binary_focal_crossentropy', true],
  ['categorical_crossentropy', false], ['categorical_crossentropy', true],
  ['sparse_categorical_crossentropy', false], ['sparse_categorical_crossentropy', true],
  ['categorical_focal_crossentropy', false], ['categorical_focal_crossentropy', true],
  ['kl_divergence', false], ['poisson', false],
];
const LOSSES = ALL_LOSSES.filter(([fn]) => fn.includes(only));

function kernelCall(fn: KernelFn, logits: boolean, rows: number, cols: number, yTrue: Float32Array, yPred: Float32Array): KernelCall {
  return {
    fn, rows, cols, yTrue, yPred, from_logits: logits, label_smoothing: 0, gamma: 2, alpha: 0.25,
    apply_class_balancing: false, ignore_class: null, rowScale: null,
  };
}

/** Sets up one (impl, loss, shape) and returns the timed closure plus its cleanup. */
async function prepare(impl: Impl, fn: KernelFn, logits: boolean, rows: number, cols: number, seed: number) {
  const inputs = makeInputs(fn, logits, rows, cols, seed);
  if (impl === 'wasm-simd' || impl === 'js') {
    await activate(impl);
    const buffers = kernelBuffers(rows, cols)!;
    const yTrue = buffers.yTrue.subarray(0, inputs.yTrue.length);
    yTrue.set(inputs.yTrue);
    buffers.yPred.set(inputs.yPred);
    const call = kernelCall(fn, logits, rows, cols, yTrue, buffers.yPred);
    const check = runKernel(call, true);
    if (check === null || check.backend !== impl) throw new Error(`${impl} declined ${fn} [${rows}, ${cols}]`);
    return { run: () => void runKernel(call, true), dispose: () => {} };
  }
  await tf.setBackend(impl === 'tfjs-wasm' ? 'wasm' : 'cpu');
  const yTrue = tf.tensor(inputs.yTrue, fn === 'sparse_categorical_crossentropy' ? [rows] : [rows, cols]);
  const yPred = tf.tensor(inputs.yPred, [rows, cols]);
  return {
    run: valueAndGradRunner(fn, logits, yTrue, yPred, cols),
    dispose: () => {
      yTrue.dispose();
      yPred.dispose();
    },
  };
}

let wasmSource: Uint8Array | undefined;
async function activate(impl: 'wasm-simd' | 'js'): Promise<void> {
  const picked = impl === 'js' ? await initKernels({ prefer: 'js' }) : await initKernels({ prefer: 'wasm', simdWasm: wasmSource });
  if (picked !== impl) throw new Error(`wanted ${impl}, got ${picked}`);
}

function plan(impl: Impl, elements: number, warmed: boolean): TimingPlan {
  const heavy = impl.startsWith('tfjs') && elements >= 1_000_000;
  const warmup = warmed && heavy ? 0 : quick ? 1 : 3;
  const warmupMs = heavy ? 0 : quick ? 100 : 300;
  if (quick) return { warmup, warmupMs, minReps: heavy ? 1 : 3, maxReps: 15, budgetMs: 150 };
  return { warmup, warmupMs, minReps: heavy ? 1 : 5, maxReps: 40, budgetMs: 600 };
}

async function main(): Promise<void> {
  execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--if-missing'], { stdio: ['ignore', 'ignore', 'inherit'] });
  wasmSource = new Uint8Array(readFileSync(kernelWasmPath()));
  await tf.setBackend('wasm');
  await tf.ready();
  const flags = `tfjs ${tf.version_core} (wasm SIMD ${String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}, threads ${String(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))})`;
  const started = performance.now();
  const rows: Row[] = [];
  const warmed = new Set<string>();
  log(`bench: ${machine()}; ${flags}${quick ? '; --quick' : ''}${full ? '; --full' : ''}`);

  for (const [n, c] of trainingOnly ? [] : SHAPES) {
    for (const [fn, logits] of LOSSES) {
      for (const impl of IMPLS) {
        const key = `${impl}/${fn}/${logits}`;
        if (!full && impl === 'tfjs-cpu' && n * c >= 10_000_000) {
          rows.push({ loss: fn, from_logits: logits, shape: [n, c], impl, median_ms: null, ns_per_element: null, note: 'skipped (about 10 s per call; --full runs it)' });
          continue;
        }
        const { run, dispose } = await prepare(impl, fn, logits, n, c, n + c);
        const { median, reps } = medianMs(run, plan(impl, n * c, warmed.has(key)));
        dispose();
        warmed.add(key);
        const note = impl.startsWith('tfjs') && composed(fn, logits) ? 'composed from tf ops' : undefined;
        rows.push({ loss: fn, from_logits: logits, shape: [n, c], impl, median_ms: median, ns_per_element: (median * 1e6) / (n * c), reps, note });
        log(`  ${fn}${logits ? ' (logits)' : ''} [${n}, ${c}] ${impl}: ${median.toFixed(3)} ms`);
      }
    }
  }

  // One evaluation at 64 x 10, twice: through engine-owned buffers (inputs already in place,
  // outputs read in place) and with ordinary arrays (copied in, fresh output arrays).
  for (const impl of (['wasm-simd', 'js'] as const).filter((i) => IMPLS.includes(i) && !trainingOnly)) {
    await activate(impl);
    for (const [fn, logits] of LOSSES) {
      const { yTrue, yPred } = makeInputs(fn, logits, 64, 10, 7);
      const buffers = kernelBuffers(64, 10)!;
      const yTrueView = buffers.yTrue.subarray(0, yTrue.length);
      yTrueView.set(yTrue);
      buffers.yPred.set(yPred);
      for (const [io, call] of [
        ['arena', kernelCall(fn, logits, 64, 10, yTrueView, buffers.yPred)],
        ['copy', kernelCall(fn, logits, 64, 10, yTrue, yPred)],
      ] as const) {
        const ms = medianBatchedMs(() => void runKernel(call, true), quick ? 500 : 2000, quick ? 5 : 15);
        rows.push({
          kind: 'single_eval', loss: fn, from_logits: logits, shape: [64, 10], impl, median_ms: ms, ns_per_element: (ms * 1e6) / 640,
          io, note: io === 'arena' ? 'engine-owned buffers' : 'ordinary arrays: copy in, fresh outputs',
        });
      }
    }
  }

  // 101-point focal gamma sweeps over 10,000 x 10 (gamma 0, 0.05, ..., 5).
  for (const impl of (['wasm-simd', 'js'] as const).filter((i) => IMPLS.includes(i) && !trainingOnly)) {
    await activate(impl);
    for (const fn of (['binary_focal_crossentropy', 'categorical_focal_crossentropy'] as const).filter((f) => f.includes(only))) {
      for (const logits of [false, true]) {
        const { yTrue, yPred } = makeInputs(fn, logits, 10_000, 10, 11);
        const sweep = () => {
          const result = runGammaSweep({
            fn, rows: 10_000, cols: 10, yTrue, yPred, from_logits: logits, label_smoothing: 0, alpha: 0.25,
            apply_class_balancing: false, gammaStart: 0, gammaStep: 0.05, count: 101,
          });
          if (result === null || result.backend !== impl) throw new Error(`${impl} declined the ${fn} sweep`);
        };
        const { median } = medianMs(sweep, { warmup: 3, minReps: quick ? 3 : 9, maxReps: 30, budgetMs: quick ? 100 : 400 });
        rows.push({
          kind: 'gamma_sweep', loss: fn, from_logits: logits, shape: [10_000, 10], impl, median_ms: median,
          ns_per_element: (median * 1e6) / (100_000 * 101), note: '101 gammas; ns per element per gamma',
        });
      }
    }
  }

  // 1,000 SGD steps on a categorical example: engine against tfjs (issue 15).
  if ('categorical_crossentropy'.includes(only)) rows.push(...await trainingRows({ quick, impls: IMPLS, log }));

  const seconds = (performance.now() - started) / 1000;
  withRatios(rows);
  if (asJson) {
    const round = (x: number | null | undefined, digits: number): number | null | undefined =>
      x == null ? x : Number(x.toFixed(digits));
    const out = rows.map((r) => ({
      ...r, median_ms: round(r.median_ms, 4), ns_per_element: round(r.ns_per_element, 3), vs_tfjs_wasm: round(r.vs_tfjs_wasm, 2),
    }));
    process.stdout.write(`[\n${out.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
  } else {
    const mode = [quick ? '--quick' : '', full ? '--full' : ''].filter(Boolean).join(' ');
    console.log(`Loss Playground kernel bench: ${machine()}; ${flags}; ${seconds.toFixed(0)} s${mode ? ` (${mode})` : ''}\n`);
    printTable(rows);
    console.log('');
    printTargets(rows);
  }
  log(`bench: done in ${seconds.toFixed(0)} s`);
}

await main();
