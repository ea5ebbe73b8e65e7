/**
 * Hostile and careless input lines get an answer that names the field, and the stream goes on:
 * the fuzzed lines of issue 13, each as it was reported. Also: a reader that stops early.
 */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../src/cli/cases';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const line = (c: object) => runCase(JSON.parse(JSON.stringify(c)), 'float64', 'keras3');

describe('names the user controls are looked up as own keys only', () => {
  it.each([
    ['loss', 'constructor', /^name: Unknown loss class constructor/],
    ['function', 'toString', /^name: Unknown loss function toString/],
    ['metric', '__proto__', /^name: Unknown metric class __proto__/],
  ])('a %s named %s is an unknown name', (kind, name, error) => {
    const c = kind === 'metric'
      ? { id: 1, kind, name, updates: [{ y_true: [1], y_pred: [0.5] }] }
      : { id: 1, kind, name, config: {}, y_true: [1], y_pred: [0.5] };
    expect(line(c)).toMatchObject({ error: expect.stringMatching(error) });
  });
});

describe('strict types where a value would otherwise be coerced or dropped', () => {
  const base = { id: 1, kind: 'loss', name: 'Poisson', y_true: [[1]], y_pred: [[0.5]] };
  it.each([[5], [true], [[]]])('config %j is an error naming config', (config) => {
    expect(line({ ...base, config })).toMatchObject({ error: expect.stringMatching(/^config: expected an object/) });
  });

  it('a name that is a list is not coerced to its string', () => {
    expect(line({ ...base, name: ['CTC'] })).toMatchObject({ error: expect.stringMatching(/^name: expected .*\(a string\)/) });
  });

  it('a mask on a function or a metric is rejected, not ignored', () => {
    expect(line({ ...base, kind: 'function', name: 'poisson', mask: [1] })).toMatchObject({ error: expect.stringMatching(/^mask: /) });
    expect(line({ id: 1, kind: 'metric', name: 'Poisson', mask: [1], updates: [{ y_true: [1], y_pred: [0.5] }] }))
      .toMatchObject({ error: expect.stringMatching(/^mask: /) });
  });

  it('tensors nested 10,000 levels deep name the field and the depth, not the call stack', () => {
    const deep = JSON.parse(`${'['.repeat(10_000)}1${']'.repeat(10_000)}`);
    const out = line({ ...base, y_true: deep, y_pred: deep }) as { error: string };
    expect(out.error).toMatch(/^y_true\[0\]/);
    expect(out.error).toMatch(/33 levels deep: at most 32 axes/);
  });
});

function cliShell(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('the CLI as a pipeline stage', () => {
  const ok = '{"id":1,"kind":"loss","name":"BinaryCrossentropy","y_true":[[0,1]],"y_pred":[[0.2,0.7]]}';

  it('ends quietly with exit 0 when its reader stops early (| head -1)', async () => {
    const r = await cliShell(`yes '${ok}' | head -n 20000 | node --import tsx src/cli/main.ts eval | head -n 1; echo "cli=\${PIPESTATUS[2]}"`);
    expect(r.stdout.split('\n')[0]).toMatch(/^\{"id":1,"value":0\.289/);
    expect(r.stdout).toContain('cli=0');
    expect(r.stderr).not.toMatch(/EPIPE/);
  }, 60_000);

  it('skips a byte-order mark before the first line', async () => {
    const r = await cliShell(`printf '\\xef\\xbb\\xbf%s\\n' '${ok}' | node --import tsx src/cli/main.ts eval`);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 1 });
    expect(r.code).toBe(0);
  }, 60_000);
});
