/**
 * Large inputs in real Chromium (a benchmark, not a timed test; not run in CI).
 *
 *   npm run bench:large [-- --edits 20] [--runs 3] [--only "10000x10"] [--root DIR]
 *
 * Builds the app (production mode), serves it with vite preview, and opens each document in a
 * fresh headless Chromium context (Debian's, through playwright-core), once from a link (#v=1&z=…)
 * and once from a saved state (localStorage, as the page writes it). Per start it measures:
 *   - first result: navigation start -> the frame after the result value is in the DOM and fresh
 *   - long task:    the longest main-thread task (PerformanceObserver 'longtask') up to that point,
 *                   and over the 3 s after it (charts, explain and idle work that follow)
 *   - heap:         V8 heap in use 3 s after the first result (CDP Performance.getMetrics), no forced GC
 *   - cells:        grid cells in the DOM ([role=gridcell]), and DOM nodes
 * and, for the 10,000 x 10 document, edits typed into a cell (an `input` event on its <input>):
 * edit -> the frame after the new result is shown, median and p95 of --edits edits (after 3 warm-ups).
 * Targets (issue 13): first result <= 2 s with no task > 200 ms; saved state <= 2 s; heap <= 300 MB;
 * edit <= 100 ms median.
 *
 * --runs N starts each document N times (fresh contexts): the table shows medians, edits pool all runs.
 * --root DIR measures another checkout (e.g. an export of main) with this same script.
 * --profile   an unminified build and a CPU profile of each start and of the edits (self time per
 *             function, top 25; a diagnostic: it slows the page, read the numbers relative to each other)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { encode } from '../../src/document/codec';
import { savePersisted, STORAGE_KEY } from '../../src/state/persist';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const EDITS = Number(opt('--edits')) || 20;
const ONLY = opt('--only') ?? '';
const ROOT = resolve(opt('--root') ?? process.cwd());
const PROFILE = args.includes('--profile');
const RUNS = Number(opt('--runs')) || 1;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SETTLE_MS = 3000;
const TIMEOUT_MS = Number(opt('--timeout')) || 300_000;

// Seeded, one-decimal probabilities: realistic grids whose links still fit the hash limits.
function rng(seed: number) { return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32); }
const probs = (B: number, C: number, seed: number) => { const r = rng(seed); return Array.from({ length: B }, () => Array.from({ length: C }, () => Math.round(1 + r() * 8) / 10)); };
const oneHot = (B: number, C: number) => Array.from({ length: B }, (_, i) => Array.from({ length: C }, (_, j) => (j === (i * 7) % C ? 1 : 0)));
const cce = (B: number, C: number, tab: ExampleDoc['view']['tab'] = 'per-sample'): ExampleDoc => ({
  ...defaultDoc(), kind: 'loss', name: 'CategoricalCrossentropy', config: {}, y_true: oneHot(B, C), y_pred: probs(B, C, B + C),
  sample_weight: null, view: { ...defaultDoc().view, tab },
});

const chunk = <T,>(rows: T[], n: number): T[][] => Array.from({ length: rows.length / n }, (_, i) => rows.slice(i * n, i * n + n));
/** A metric with `k` update_state() batches of sparse labels and probabilities. */
const metric = (k: number, B: number, C: number): ExampleDoc => ({
  ...defaultDoc(), kind: 'metric', name: 'SparseCategoricalCrossentropy', config: {},
  updates: Array.from({ length: k }, (_, u) => ({ y_true: Array.from({ length: B }, (_, i) => (i + u) % C), y_pred: probs(B, C, u + 1), sample_weight: null })),
});

interface Scenario { name: string; doc: ExampleDoc; edit?: { row: number; col: number } }
const DOCS: Scenario[] = [
  { name: '1x100000 CCE', doc: cce(1, 100_000) },
  { name: '1x100000 CCE gradient tab', doc: cce(1, 100_000, 'gradient') },
  { name: '10000x10 CCE', doc: cce(10_000, 10), edit: { row: 2, col: 2 * 7 % 10 } },
  { name: '10x10x1000 CCE', doc: { ...cce(100, 1000), y_true: chunk(oneHot(100, 1000), 10), y_pred: chunk(probs(100, 1000, 3), 10) } },
  { name: '64 updates of 100x10 (metric)', doc: metric(64, 100, 10) },
];

/** Installed before the page's own scripts: long tasks, and the moment the first fresh result shows. */
function probe() {
  const w = globalThis as unknown as { __large: { long: [number, number][]; first: number | null } };
  w.__large = { long: [], first: null };
  new PerformanceObserver((l) => w.__large.long.push(...l.getEntries().map((e): [number, number] => [e.startTime, e.duration])))
    .observe({ type: 'longtask', buffered: true });
  const shown = () => {
    const panel = document.querySelector('[data-testid="panel.result"]');
    return Boolean(panel && !panel.hasAttribute('aria-busy') && panel.querySelector('[data-testid="result.value"]'));
  };
  const mo = new MutationObserver(() => {
    if (!shown()) return;
    mo.disconnect();
    requestAnimationFrame(() => { w.__large.first = performance.now(); });
  });
  mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
}

/** In the page: type `value` into the cell, resolve when the changed result is shown (next frame). */
function typeAndWait([label, value]: [string, string]): Promise<{ ms: number; long: number }> {
  const w = globalThis as unknown as { __large: { long: [number, number][] } };
  const el = document.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);
  if (!el) throw new Error(`no cell ${label}`);
  const panel = document.querySelector('[data-testid="panel.result"]')!;
  const text = () => panel.querySelector('[data-testid="result.value"] .num')?.textContent ?? '';
  const before = text();
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  return new Promise((done, fail) => {
    const t0 = performance.now();
    setValue.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    const poll = () => {
      if (performance.now() - t0 > 15_000) return fail(new Error('the result did not change'));
      if (panel.hasAttribute('aria-busy') || text() === before) return void requestAnimationFrame(poll);
      requestAnimationFrame(() => {
        const t1 = performance.now();
        const long = w.__large.long.filter(([s, d]) => s + d >= t0 && s <= t1).reduce((m, [, d]) => Math.max(m, d), 0);
        done({ ms: t1 - t0, long });
      });
    };
    requestAnimationFrame(poll);
  });
}

/** Self time per function (ms), top 25, from a CDP CPU profile. */
function printProfile(profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const cf = byId.get(id)!.callFrame;
    const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const top = [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, ms] of top) console.error(`    ${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

const MB = 1024 * 1024;
const f = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');
const quantile = (a: number[], q: number) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(s.length * q) - 1)]; };

async function startOnce(page: Page, base: string, sc: Scenario, how: 'link' | 'saved') {
  if (how === 'saved') {
    let saved = '';
    savePersisted({ getItem: () => null, setItem: (_k, v) => { saved = v; } }, sc.doc, {});
    await page.addInitScript(([key, text]) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem(key, text); sessionStorage.setItem('seeded', '1'); } }, [STORAGE_KEY, saved]);
  }
  // tsx compiles with esbuild's keepNames: functions sent to the page call __name, which the page lacks.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(probe);
  const hash = how === 'link' ? `#${encode(sc.doc)}` : '';
  const prof = PROFILE ? await page.context().newCDPSession(page) : null;
  if (prof) { await prof.send('Profiler.enable'); await prof.send('Profiler.setSamplingInterval', { interval: 200 }); await prof.send('Profiler.start'); }
  const t = Date.now();
  await page.goto(`${base}${hash}`, { timeout: TIMEOUT_MS });
  await page.waitForFunction(() => (globalThis as unknown as { __large: { first: number | null } }).__large.first !== null, null, { timeout: TIMEOUT_MS, polling: 200 });
  await page.waitForTimeout(SETTLE_MS);
  if (prof) printProfile((await prof.send('Profiler.stop')).profile);
  const r = await page.evaluate((settle) => {
    const { long, first } = (globalThis as unknown as { __large: { long: [number, number][]; first: number } }).__large;
    const upTo = (end: number) => long.filter(([s]) => s <= end).reduce((m, [, d]) => Math.max(m, d), 0);
    return { first, longFirst: upTo(first), longAll: upTo(first + settle), cells: document.querySelectorAll('[role=gridcell]').length };
  }, SETTLE_MS);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const m = (await cdp.send('Performance.getMetrics')).metrics;
  const at = (k: string) => m.find((x) => x.name === k)?.value ?? NaN;
  const linkChars = hash.length;
  return { ...r, heap: at('JSHeapUsedSize') / MB, nodes: at('Nodes'), wall: Date.now() - t, linkChars };
}

/** EDITS edits typed into one cell (after 3 warm-ups), each timed to the frame showing the new result. */
async function measureEdits(page: Page, label: string) {
  // As a person would: scroll to the grid (far grids are drawn when they come near), then focus the cell.
  await page.getByTestId('editor.y_pred').scrollIntoViewIfNeeded();
  await page.getByRole('textbox', { name: label, exact: true }).focus();
  const samples: { ms: number; long: number }[] = [];
  const prof = PROFILE ? await page.context().newCDPSession(page) : null;
  // Main-thread time per edit by kind (CDP Performance metrics, cumulative seconds).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let m0: { name: string; value: number }[] = [];
  for (let i = 0; i < EDITS + 3; i++) {
    if (i === 3) m0 = (await cdp.send('Performance.getMetrics')).metrics;
    if (prof && i === 3) { await prof.send('Profiler.enable'); await prof.send('Profiler.setSamplingInterval', { interval: 200 }); await prof.send('Profiler.start'); }
    const s = await page.evaluate(typeAndWait, [label, (0.205 + 0.02 * (i % 20)).toFixed(3)] as [string, string]);
    if (i >= 3) samples.push(s);
  }
  const m1 = (await cdp.send('Performance.getMetrics')).metrics;
  if (prof) { console.error(`  edits (${EDITS}):`); printProfile((await prof.send('Profiler.stop')).profile); }
  const per = (k: string) => (((m1.find((x) => x.name === k)?.value ?? 0) - (m0.find((x) => x.name === k)?.value ?? 0)) * 1000) / EDITS;
  return { label, samples, busy: per('TaskDuration'), script: per('ScriptDuration'), layout: per('LayoutDuration') + per('RecalcStyleDuration') };
}

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'lp-large-'));
  let server: Awaited<ReturnType<typeof preview>> | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    console.log(`building ${ROOT}…`);
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true, minify: !PROFILE } });
    server = await preview({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
    const base = server.resolvedUrls!.local[0].replace(/\/$/, '/');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const rows: Record<string, string | number>[] = [];
    const edits: Record<string, string | number>[] = [];
    for (const sc of DOCS.filter((d) => d.name.includes(ONLY))) {
      for (const how of ['link', 'saved'] as const) {
        const starts: Awaited<ReturnType<typeof startOnce>>[] = [];
        const typed: Awaited<ReturnType<typeof measureEdits>>[] = [];
        for (let run = 0; run < RUNS; run++) {
          process.stderr.write(`  ${sc.name} from a ${how}, run ${run + 1}…\n`);
          const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
          const page = await context.newPage();
          starts.push(await startOnce(page, base, sc, how));
          process.stderr.write(`    ${JSON.stringify(starts.at(-1))}\n`);
          if (sc.edit && how === 'link') typed.push(await measureEdits(page, `y_pred[${sc.edit.row}, ${sc.edit.col}]`));
          await context.close();
        }
        const med = (k: 'first' | 'longFirst' | 'longAll' | 'heap') => f(quantile(starts.map((r) => r[k]), 0.5));
        rows.push({
          document: sc.name, from: how, runs: RUNS, 'first result ms': med('first'), 'longest task to result': med('longFirst'),
          [`longest task +${SETTLE_MS / 1000}s`]: med('longAll'), 'heap MB': med('heap'), 'grid cells': starts[0].cells, 'DOM nodes': starts[0].nodes,
          ...(how === 'link' ? { 'link chars': starts[0].linkChars } : {}),
        });
        if (!typed.length) continue;
        const ms = typed.flatMap((t) => t.samples.map((x) => x.ms));
        const mean = (k: 'busy' | 'script' | 'layout') => f(typed.reduce((a, t) => a + t[k], 0) / typed.length);
        edits.push({ document: sc.name, cell: typed[0].label, edits: ms.length, 'edit->result p50 ms': f(quantile(ms, 0.5)),
          'p95 ms': f(quantile(ms, 0.95)), 'longest task ms': f(Math.max(...typed.flatMap((t) => t.samples.map((x) => x.long)))),
          'busy/edit': mean('busy'), 'script/edit': mean('script'), 'layout+style/edit': mean('layout') });
      }
    }
    console.log(`\nChromium ${browser.version()}, ${ROOT}`);
    console.table(rows);
    if (edits.length) console.table(edits);
    console.log('first result = navigation start -> frame after a fresh result is shown; heap = V8 heap used, no forced GC.');
  } finally {
    await browser?.close();
    if (server) await new Promise((r) => server!.httpServer.close(r));
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
