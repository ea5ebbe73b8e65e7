#!/usr/bin/env node
// Runs every test suite in order (typecheck, unit/component/conformance, browser) and ends with
// one line "N passed, N failed" totalled over all of them, so a run that executed nothing shows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
const totals = { passed: 0, failed: 0 };

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  return r.status ?? 1;
}

function vitest(label, extraArgs) {
  const out = `${results}/${label}.json`;
  rmSync(out, { force: true });
  const code = run(label, 'npx', ['vitest', 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  let passed = 0;
  let failed = 0;
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests;
    // A file that failed to load (or a failing global setup) has no tests: count it once.
    for (const file of report.testResults ?? []) {
      if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed++;
    }
  }
  if (code !== 0 && failed === 0) failed = 1;
  console.log(`--- ${label}: ${passed} passed, ${failed} failed`);
  totals.passed += passed;
  totals.failed += failed;
}

if (run('build:wasm', 'npm', ['run', '--silent', 'build:wasm']) !== 0) totals.failed++;
const tsc = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (tsc === 0) totals.passed++;
else totals.failed++;
vitest('unit', []);
vitest('e2e', ['-c', 'vitest.e2e.config.ts']);

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
