/**
 * The JSON-lines CLI as a user runs it: `npx tsx src/cli/main.ts eval|check`, spawned for real.
 * Output shapes per kind, errors that do not stop the stream, line numbers for bad JSON, exit codes,
 * --help, `check`'s summary, per-case semantics, and constant memory on a long stream.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectClose, SPEC_TOL } from '../helpers/close';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: Record<string, unknown>[];
}

/**
 * How the CLI is launched. `npx tsx src/cli/main.ts` is what a user types (used for --help and the
 * streaming run); `node --import tsx` runs the same program without npm's start-up cost.
 */
const NPX: [string, string[]] = ['npx', ['tsx', 'src/cli/main.ts']];
const NODE_TSX: [string, string[]] = [process.execPath, ['--import', 'tsx', 'src/cli/main.ts']];

/** Spawn the CLI with `args`, feed `input` on stdin, collect everything. */
function cli(args: string[], input = '', [cmd, pre] = NODE_TSX): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, [...pre, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', fail);
    child.on('close', (code) => {
      const lines = stdout.split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      done({ code, stdout, stderr, lines });
    });
    child.stdin.end(input);
  });
}

const jsonl = (...cases: unknown[]) => cases.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))).join('\n') + '\n';

const LOSS = { id: 'a', kind: 'loss', name: 'SparseCategoricalCrossentropy', config: { reduction: 'none' }, y_true: [1, 2], y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]] };
const FUNCTION = { id: 'b', kind: 'function', name: 'poisson', y_true: [[0, 1, 2]], y_pred: [[0, 1, 3]] };
const METRIC = { id: 'c', kind: 'metric', name: 'CategoricalCrossentropy', updates: [
  { y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]] },
  { y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]], sample_weight: [0.3, 0.7] },
], reset_before: [1] };
const BAD = { id: 'd', kind: 'loss', name: 'BinaryCrossentropy', y_true: [[0, 1]], y_pred: [[0.5, 0.5], [0.1]] };

describe.concurrent('CLI', () => {
  it('--help documents eval, check, --dtype, --semantics, --keras-backend and --kernels (formerly --backend), and exits 0', async () => {
    const r = await cli(['--help'], '', NPX);
    expect(r.code).toBe(0);
    for (const word of ['eval', 'check', '--dtype', '--semantics', '--keras-backend', 'tensorflow', 'numpy', '--kernels', '--backend', 'float32', 'tf_keras2']) expect(r.stdout).toContain(word);
  });

  it('eval prints one line per case, in input order, shaped by kind: {id, value, grad} / {id, value} / {id, results}', async () => {
    // The SCCE numbers are JAX's (TensorFlow, the default, clips before renormalising).
    const r = await cli(['eval', '--keras-backend', 'jax'], jsonl(LOSS, FUNCTION, METRIC));
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(r.lines[0]).sort()).toEqual(['grad', 'id', 'value']);
    expect(Object.keys(r.lines[1]).sort()).toEqual(['id', 'value']);
    expect(Object.keys(r.lines[2]).sort()).toEqual(['id', 'results']);
    expectClose(r.lines[0].value as number[], [0.051293306, 2.3025851], SPEC_TOL);
    expectClose(r.lines[0].grad as number[][], [[1, -0.0526316, 1], [1, 1, -9]], SPEC_TOL);
    expectClose(r.lines[1].value as number[], [0.6009251], SPEC_TOL);
    expectClose(r.lines[2].results as number[], [1.1769392, 1.6271976], SPEC_TOL);
  });

  it('an uncomputable case prints {id, error} naming the field, the run continues, and the exit code is 1', async () => {
    const r = await cli(['eval'], jsonl(LOSS, BAD, FUNCTION));
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => l.id)).toEqual(['a', 'd', 'b']);
    expect(Object.keys(r.lines[1]).sort()).toEqual(['error', 'id']);
    expect(r.lines[1].error).toMatch(/y_pred\[1\]/);
    expect(r.lines[2]).toHaveProperty('value');
  });

  it('a line that is not JSON gets {line, error} with its line number; blank lines are skipped but counted', async () => {
    const r = await cli(['eval'], jsonl(LOSS, '', '{"id": oops', '[1, 2]', FUNCTION));
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(4);
    expect(r.lines[1]).toMatchObject({ line: 3 });
    expect(r.lines[1].error).toMatch(/line 3: not valid JSON/);
    expect(r.lines[2]).toMatchObject({ line: 4 });
    expect(r.lines[2].error).toMatch(/line 4: expected a JSON object/);
    expect(r.lines[3].id).toBe('b');
  });

  it('non-finite results are written as the strings "NaN", "Infinity"', async () => {
    const r = await cli(['eval'], jsonl({ id: 'n', kind: 'function', name: 'poisson', y_true: [[1]], y_pred: [[-0.5]] }));
    expect(r.lines[0].value).toEqual(['NaN']);
  });

  it.each([
    [['eval', '--dtype', 'float16'], /--dtype: expected float64 or float32, received float16/],
    [['eval', '--semantics', 'keras2'], /--semantics/],
    [['eval', '--backend', 'gpu'], /--backend/],
    [['eval', '--verbose'], /unknown option --verbose/],
    [['frobnicate'], /unknown command frobnicate/],
    [[], /missing command/],
    [['check'], /check needs at least one FILE/],
    [['eval', 'cases.jsonl'], /eval reads cases from stdin/],
  ])('bad arguments %j exit 2 with a message and the usage on stderr', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage:');
  });

  it('--dtype float32 computes in float32 (every number is a float32 value)', async () => {
    const r = await cli(['eval', '--dtype=float32'], jsonl(LOSS));
    const v = r.lines[0].value as number[];
    expect(v.map(Math.fround)).toEqual(v);
    expectClose(v, [0.051293306, 2.3025851], SPEC_TOL);
  });

  it('honours a case-level "semantics": "tf_keras2" (SCCE renormalises after clipping: 0.051293444), and it beats --semantics', async () => {
    const legacy = { ...LOSS, id: 'legacy', semantics: 'tf_keras2' };
    const modern = { ...LOSS, id: 'modern', semantics: 'keras3' };
    const r = await cli(['eval', '--keras-backend', 'jax'], jsonl(LOSS, legacy));
    // The two differ by 2.7e-6 relative; 1e-6 tells them apart.
    expectClose((r.lines[0].value as number[])[0], 0.051293306, { rtol: 1e-6, atol: 0 });
    expectClose((r.lines[1].value as number[])[0], 0.051293444, { rtol: 1e-6, atol: 0 });
    const flag = await cli(['eval', '--semantics', 'tf_keras2', '--keras-backend', 'jax'], jsonl(LOSS, modern, { ...LOSS, id: 'bad', semantics: 'keras4' }));
    expectClose((flag.lines[0].value as number[])[0], 0.051293444, { rtol: 1e-6, atol: 0 });
    expectClose((flag.lines[1].value as number[])[0], 0.051293306, { rtol: 1e-6, atol: 0 });
    expect(flag.lines[2].error).toMatch(/semantics/);
  });

  it('check prints "N passed, N failed" and exits 0 when every case of the conformance docs passes', async () => {
    const r = await cli(['check', 'test/conformance/docs.jsonl']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('33 passed, 0 failed');
  });

  it('check reports each differing case with its file and line, then the summary, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loss-playground-cli-'));
    const file = join(dir, 'cases.jsonl');
    const wrong = { ...FUNCTION, id: 'wrong', expect: { value: [0.7], value_f64: [0.7] } };
    const right = { ...FUNCTION, id: 'right', expect: { value: [0.6009251], value_f64: [0.600925] } };
    const raises = { ...BAD, id: 'raises', expect: { error: 'ValueError' } };
    writeFileSync(file, jsonl(right, wrong, raises));
    const r = await cli(['check', '--dtype', 'float64', file]);
    expect(r.code).toBe(1);
    const out = r.stdout.trim().split('\n');
    expect(out.some((l) => l.startsWith('FAIL wrong') && l.includes(`${file}:2`))).toBe(true);
    expect(out.at(-1)).toBe('2 passed, 1 failed');
  });

  it('streams: ~20,000 lines go through eval in order, output starts before input ends, and peak RSS stays under 300 MB', async () => {
    const N = 20_000;
    const line = (i: number) => JSON.stringify({
      id: i, kind: i % 2 ? 'function' : 'loss', name: i % 2 ? 'categorical_crossentropy' : 'BinaryFocalCrossentropy',
      y_true: Array.from({ length: 4 }, (_, r) => Array.from({ length: 6 }, (__, c) => ((r + c + i) % 6 === 0 ? 1 : 0))),
      y_pred: Array.from({ length: 4 }, (_, r) => Array.from({ length: 6 }, (__, c) => 0.05 + ((r * 7 + c * 3 + i) % 10) / 11)),
    });
    const started = Date.now();
    const child = spawn(NPX[0], [...NPX[1], 'eval'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let peakKb = 0;
    const poll = setInterval(() => { peakKb = Math.max(peakKb, treePeakRssKb(child.pid!)); }, 20);
    let count = 0;
    let lastId = -1;
    let inOrder = true;
    let buffered = '';
    let firstOutputAt = -1;
    let written = 0;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (firstOutputAt < 0) firstOutputAt = written;
      buffered += d;
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const p of parts) {
        const o = JSON.parse(p) as { id: number; error?: string };
        if (o.id !== lastId + 1 || o.error) inOrder = false;
        lastId = o.id;
        count++;
      }
    });
    const closed = new Promise<number | null>((r) => child.on('close', r));
    for (let i = 0; i < N; i++) {
      written = i;
      if (!child.stdin.write(line(i) + '\n')) await new Promise((r) => child.stdin.once('drain', r));
    }
    child.stdin.end();
    const code = await closed;
    clearInterval(poll);
    expect(code).toBe(0);
    expect(count).toBe(N);
    expect(inOrder).toBe(true);
    expect(firstOutputAt).toBeGreaterThanOrEqual(0);
    expect(firstOutputAt).toBeLessThan(N - 1);
    if (peakKb > 0) expect(peakKb / 1024).toBeLessThan(300);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});

/** Largest VmHWM (peak resident set, kB) over a process and its descendants; 0 where /proc is unavailable. */
function treePeakRssKb(pid: number): number {
  let peak = 0;
  const seen = new Set<number>();
  const visit = (p: number): void => {
    if (seen.has(p)) return;
    seen.add(p);
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const k of kids ? kids.split(/\s+/) : []) visit(Number(k));
      }
    } catch {
      // The process ended between two reads.
    }
  };
  visit(pid);
  return peak;
}
