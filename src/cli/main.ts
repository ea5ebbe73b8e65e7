/**
 * JSON-lines front end over the engine, for Node:
 *   eval  < cases.jsonl   one output line per input line, in order (streams: constant memory)
 *   check FILE...         evaluate and compare with each case's `expect`
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { DEFAULT_KERAS_BACKEND, KERAS_BACKENDS, type DType, type EvalOptions, type KerasBackend, type Semantics } from '../engine';
import { checkOutput, runCase, type Case, type Output } from './cases';
import { setupBackend, type BackendChoice } from './backend';

const HELP = `Loss Playground CLI: Keras-exact losses and metrics over JSON lines.

Usage:
  npm run --silent cli -- eval [options] < cases.jsonl
  npm run cli -- check [options] FILE...
  npm run cli -- --help

eval
  Reads one case per line (schema: test/conformance/README.md): fields id, kind
  ("loss" | "function" | "metric"), name (Keras class or function name), config
  (Keras kwargs), y_true, y_pred, sample_weight, optional mask, or for metrics
  updates [{y_true, y_pred, sample_weight?}] and reset_before [i, ...]. A case may
  carry "semantics": "keras3" | "tf_keras2" and "keras_backend": "tensorflow" |
  "jax" | "torch" | "numpy" (they win over the options). Any "expect" is ignored.
  Prints one JSON object per case, in input order:
    loss      {"id", "value", "grad"}   grad = d(sum of output)/d(y_pred); null
                                        with "grad_error" where the backend has
                                        no gradient (NumPy) or its autodiff raises
    function  {"id", "value"}
    metric    {"id", "results"}         result() after each update
    failure   {"id", "error"}           names the field and index at fault
  Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity".
  Blank lines are skipped; a line that is not JSON gets {"line": N, "error"}.
  A byte-order mark before the first line is skipped. When the reader of the
  output goes away (\`| head -1\`), eval stops quietly.
  Exit code: 0 when every case written was computed, 1 when any case errored,
  2 for unusable arguments.

check
  Evaluates the cases of each FILE and compares them with their "expect" at the
  conformance README's tolerances (float64: rtol 1e-6; float32: rtol 1e-4; grad:
  rtol 1e-5; CTC looser). Cases whose expect is an error pass when an error is
  raised. A case without "keras_backend" is compared as recorded on JAX (the
  oracle of docs.jsonl and public.jsonl) unless --keras-backend names another.
  Prints each differing case, then "N passed, N failed". Exit code 0 when all
  pass, 1 otherwise.

Options
  --dtype float64|float32      compute dtype (eval default float64; check runs both
                               unless one is given)
  --keras-backend NAME         the Keras 3 backend whose numbers to reproduce:
                               tensorflow (default, Keras 3's own), jax, torch
                               or numpy; a case's "keras_backend" wins
  --semantics keras3|tf_keras2 default keras3; tf_keras2 is legacy tf.keras 2
                               (TensorFlow only)
  --kernels auto|js|wasm       which fused kernels run the batch-heavy paths
                               (default auto: WASM SIMD when available, else JS;
                               js or wasm forces them on every case they cover).
                               Formerly --backend, still accepted.
  --id REGEX                   check only the cases whose id matches REGEX
                               (and, with keras_backend, "id@backend" matches)
  --help                       this text
`;

interface Args {
  cmd: string; dtype: DType | null; semantics: Semantics; kerasBackend: KerasBackend | null;
  backend: BackendChoice; files: string[]; kernels?: EvalOptions['kernels']; id: RegExp | null;
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { cmd: '', dtype: null, semantics: 'keras3', kerasBackend: null, backend: 'auto', files: [], id: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string | undefined => (arg.includes('=') ? arg.split('=')[1] : argv[++i]);
    if (arg === '--help' || arg === '-h') { a.cmd = 'help'; continue; }
    if (arg.startsWith('--dtype')) {
      const v = value();
      if (v !== 'float64' && v !== 'float32') return `--dtype: expected float64 or float32, received ${v}`;
      a.dtype = v;
    } else if (arg.startsWith('--semantics')) {
      const v = value();
      if (v !== 'keras3' && v !== 'tf_keras2') return `--semantics: expected keras3 or tf_keras2, received ${v}`;
      a.semantics = v;
    } else if (arg.startsWith('--keras-backend')) {
      const v = value();
      if (!KERAS_BACKENDS.includes(v as KerasBackend)) return `--keras-backend: expected tensorflow, jax, torch or numpy, received ${v}`;
      a.kerasBackend = v as KerasBackend;
    } else if (arg.startsWith('--kernels') || arg.startsWith('--backend')) {
      const v = value();
      if (v !== 'auto' && v !== 'js' && v !== 'wasm') return `--kernels: expected auto, js or wasm, received ${v}`;
      a.backend = v;
    } else if (arg.startsWith('--id')) {
      const v = value() ?? '';
      try { a.id = new RegExp(v); } catch { return `--id: not a regular expression: ${v}`; }
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else if (!a.cmd) {
      a.cmd = arg;
    } else {
      a.files.push(arg);
    }
  }
  if (a.cmd === 'help') return a;
  if (a.cmd !== 'eval' && a.cmd !== 'check') return a.cmd ? `unknown command ${a.cmd}` : 'missing command (eval or check)';
  if (a.cmd === 'check' && a.files.length === 0) return 'check needs at least one FILE';
  if (a.cmd === 'eval' && a.files.length > 0) return 'eval reads cases from stdin; it takes no FILE';
  return a;
}

/** Set when the reader of stdout went away (`| head -1`): stop computing, as other Unix tools do. */
let outputClosed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  outputClosed = true;
  process.stdout.emit('drain');
});

async function write(line: string): Promise<void> {
  if (outputClosed) return;
  if (!process.stdout.write(line + '\n')) await new Promise((r) => process.stdout.once('drain', r));
}

/** Parsed lines of a JSON-lines stream; blank lines skipped, bad JSON reported with its line number. */
async function* readCases(input: Readable): AsyncGenerator<{ line: number; c?: Case; error?: string }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    // A byte-order mark (Windows editors write one) is not part of the JSON.
    const line = n === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (!line.trim()) continue;
    try {
      const c = JSON.parse(line) as unknown;
      if (c === null || typeof c !== 'object' || Array.isArray(c)) yield { line: n, error: `line ${n}: expected a JSON object` };
      else yield { line: n, c: c as Case };
    } catch (e) {
      yield { line: n, error: `line ${n}: not valid JSON (${(e as Error).message})` };
    }
  }
}

async function runEval(a: Args): Promise<number> {
  let failed = false;
  for await (const item of readCases(process.stdin)) {
    if (outputClosed) break;
    let out: Output | { line: number; error: string };
    if (item.error) out = { line: item.line, error: item.error };
    else out = runCase(item.c!, a.dtype ?? 'float64', a.semantics, a.kernels, a.kerasBackend ?? DEFAULT_KERAS_BACKEND);
    if ('error' in out) failed = true;
    await write(JSON.stringify(out));
  }
  return failed ? 1 : 0;
}

async function runCheck(a: Args): Promise<number> {
  const dtypes: DType[] = a.dtype ? [a.dtype] : ['float64', 'float32'];
  let passed = 0, failedCount = 0;
  for (const file of a.files) {
    for await (const item of readCases(createReadStream(file))) {
      if (item.error) { failedCount++; await write(`${file}:${item.error}`); continue; }
      const c = item.c!;
      if (a.id && !a.id.test(String(c.id)) && !a.id.test(`${String(c.id)}@${String(c.keras_backend)}`)) continue;
      const backend = a.kerasBackend ?? 'jax';
      const problems: string[] = [];
      for (const dtype of dtypes) {
        const diff = checkOutput(c, runCase(c, dtype, a.semantics, a.kernels, backend), dtype, backend);
        if (diff) problems.push(`[${dtype}] ${diff}`);
      }
      if (problems.length) {
        failedCount++;
        const on = c.keras_backend === undefined ? '' : `@${String(c.keras_backend)}`;
        await write(`FAIL ${String(c.id)}${on} (${file}:${item.line}): ${problems.join('; ')}`);
      } else passed++;
    }
  }
  await write(`${passed} passed, ${failedCount} failed`);
  return failedCount ? 1 : 0;
}

async function main(): Promise<number> {
  const a = parseArgs(process.argv.slice(2));
  if (typeof a === 'string') {
    process.stderr.write(`error: ${a}\n\n${HELP}`);
    return 2;
  }
  if (a.cmd === 'help') { process.stdout.write(HELP); return 0; }
  a.kernels = await setupBackend(a.backend);
  return a.cmd === 'eval' ? runEval(a) : runCheck(a);
}

main().then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`); process.exitCode = 2; },
);
