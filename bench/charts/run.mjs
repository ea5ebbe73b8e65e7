#!/usr/bin/env node
/**
 * Chart speed in real Chromium (not a timed test; not run in CI).
 *
 *   node bench/charts/run.mjs [--edits 30] [--only "1000x10"] [--timeline] [--profile] [--trace]
 *
 * --only keeps the scenarios whose name contains the text (e.g. "1000x10 CCE full page").
 * Diagnostics (they slow the page down; read their numbers relative to each other):
 *   --timeline  per edit, when each engine job (main, compare, charts) was posted and answered
 *   --profile   unminified build and a CPU profile: self time per function, per edit
 *   --trace     a Chromium trace: main-thread time per trace event (script, paint, layout), per edit
 *   HIDE=inputs,result  hide panels, to see what each costs;  EXTRA_CSS='...'  try a style
 *   TRACE_PAINTS=1      with --trace, list the paint events (which element repainted, how long)
 *
 * Builds the app with `--mode bench` (which exposes the store and the charts' engine client on
 * window.__lossPlayground), serves it with vite preview, drives Debian's Chromium headless through
 * playwright-core, and measures, per chart tab:
 *   - mark:  edit (a store setCell) -> the chart's performance.mark('charts:updated') for that edit,
 *            taken when React commits the new chart to the DOM
 *   - frame: edit -> the first animation frame after that mark (the update is on screen)
 *   - long:  the longest main-thread task (PerformanceObserver 'longtask') in that window
 *   - engine: worker time of the chart's job
 *   - busy/edit: main-thread task time per edit (CDP Performance metrics), everything included
 * plus a 101-point gamma sweep over 10,000 x 10 sent straight to the worker (one message).
 * Targets (issue 5): default example <= 16 ms median; 1,000 x 10 <= 50 ms; the sweep < 100 ms
 * with no main-thread task over 50 ms.
 * Training tab (issue 15): 1,000 SGD steps on 64 x 10 and 1,000 x 10 categorical inputs. Each edit
 * re-runs the whole training in the worker ('mark' is the job's round trip to the drawn chart);
 * 'play' rows press Play and record the longest main-thread task while the cursor walks the run.
 * Target: no main-thread task over 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const args = process.argv.slice(2);
const EDITS = Number(args[args.indexOf('--edits') + 1]) || 30;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] ?? '' : '';
// --profile: an unminified build and a CPU profile of the measured edits; prints the top self times.
const PROFILE = args.includes('--profile');
// --trace: a Chromium trace of the measured edits; prints main-thread time per trace event (self time).
const TRACE = args.includes('--trace');
const TIMELINE = args.includes('--timeline');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Seeded data so every run measures the same inputs.
function rng(seed) { return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32); }
function probs(B, C, seed) {
  const r = rng(seed);
  return Array.from({ length: B }, () => { const row = Array.from({ length: C }, () => 0.05 + r()); const s = row.reduce((a, b) => a + b); return row.map((v) => Number((v / s).toFixed(4))); });
}
const oneHot = (B, C) => Array.from({ length: B }, (_, i) => Array.from({ length: C }, (_, j) => (j === (i * 7) % C ? 1 : 0)));
const view = (tab) => ({ tab, selected: null, hide: [], preset: null });
const doc = (name, y_true, y_pred, tab) => ({ v: 1, kind: 'loss', name, config: {}, semantics: 'keras3', kerasBackend: 'tensorflow', dtype: 'float32', y_true, y_pred, sample_weight: null, updates: [], reset_before: [], view: view(tab) });
const CTC = doc('CTC', [[1, 2, 2, 0], [3, 1, 0, 0]], [0, 1].map((b) => Array.from({ length: 12 }, (_, t) => Array.from({ length: 5 }, (_, k) => Math.sin(1 + b + t * 0.7 + k * 1.3)))), 'ctc');

/** 1,000 SGD steps at a rate that moves the predictions (the training chart's heaviest run). */
const train = (d) => ({ ...d, view: { ...d.view, steps: 1000, learningRate: 0.5 } });

const DEFAULT = doc('SparseCategoricalCrossentropy', [1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]], 'per-sample');
const ALL = ['per-sample', 'gradient', 'focal', 'smoothing'];
/** Each input twice: the whole page, and the charts alone (other panels hidden, as a teacher's link can). */
const SCENARIOS = [
  { name: 'default 2x3', doc: DEFAULT, tabs: ALL, edits: EDITS },
  { name: 'ctc 2x12x5', doc: CTC, tabs: ['ctc'], edits: EDITS, path: [0, 0, 0] },
  { name: '1000x10 CCE', doc: doc('CategoricalCrossentropy', oneHot(1000, 10), probs(1000, 10, 1), 'per-sample'), tabs: ALL, edits: Math.ceil(EDITS / 2) },
  { name: '10000x10 BFCE', doc: doc('BinaryFocalCrossentropy', oneHot(10000, 10), probs(10000, 10, 2), 'focal'), tabs: ['focal'], edits: Math.ceil(EDITS / 3), sweep: true },
  { name: 'train 64x10 CCE', doc: train(doc('CategoricalCrossentropy', oneHot(64, 10), probs(64, 10, 3), 'training')), tabs: ['training'], edits: Math.ceil(EDITS / 2), play: true },
  { name: 'train 1000x10 CCE', doc: train(doc('CategoricalCrossentropy', oneHot(1000, 10), probs(1000, 10, 1), 'training')), tabs: ['training'], edits: Math.ceil(EDITS / 3), play: true },
].flatMap((sc) => [
  { ...sc, name: `${sc.name} charts only`, doc: { ...sc.doc, view: { ...sc.doc.view, hide: ['inputs', 'params', 'result', 'explain'] } } },
  { ...sc, name: `${sc.name} full page`, sweep: false },
]).filter((sc) => sc.name.includes(ONLY));

/** In the page: edit, then resolve with timings once the chart marks the update. */
function installProbe() {
  const long = [];
  new PerformanceObserver((l) => long.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  const lp = globalThis.__lossPlayground;
  // --timeline: when each engine job was posted and answered, relative to the edit.
  const jobs = [];
  const c = lp.client();
  const run = c.run.bind(c);
  c.run = (channel, job) => {
    const rec = { channel, post: performance.now(), done: NaN };
    jobs.push(rec);
    const p = run(channel, job);
    p.then(() => { rec.done = performance.now(); }, () => { rec.done = -1; });
    return p;
  };
  globalThis.__bench = {
    edit(path, value, tab) {
      return new Promise((resolve) => {
        const t0 = performance.now();
        const done = (mark) => requestAnimationFrame(() => {
          const t2 = performance.now();
          const longest = long.filter(([s, d]) => s + d >= t0 && s <= t2).reduce((m, [, d]) => Math.max(m, d), 0);
          const tl = jobs.filter((j) => j.post >= t0).map((j) => `${j.channel} ${(j.post - t0).toFixed(1)}→${(j.done - t0).toFixed(1)}`).join(', ');
          resolve({ mark: mark ? mark.startTime - t0 : NaN, frame: t2 - t0, long: longest, engine: mark?.detail?.engineMs ?? null, tl });
        });
        const obs = new PerformanceObserver((l) => {
          const m = l.getEntries().find((e) => e.name === 'charts:updated' && e.startTime >= t0 && e.detail?.tab === tab);
          if (m) { obs.disconnect(); clearTimeout(timer); done(m); }
        });
        obs.observe({ type: 'mark' });
        const timer = setTimeout(() => { obs.disconnect(); done(null); }, 15000);
        lp.store.getState().setCell('y_pred', path, value);
      });
    },
    async sweep(B, C) {
      const { store, client } = lp;
      const d = store.getState().doc;
      const req = { kind: 'loss', name: d.name, config: d.config, y_true: d.y_true, y_pred: d.y_pred };
      const t0 = performance.now();
      const res = await client().run('bench', { items: [], extras: { g: { fn: 'gammaSweep', args: [req, { dtype: d.dtype }, { points: 101 }] } } });
      const t1 = performance.now();
      await new Promise((r) => requestAnimationFrame(r));
      const longest = long.filter(([s, dd]) => s + dd >= t0 && s <= t1).reduce((m, [, dd]) => Math.max(m, dd), 0);
      if (!res.extras.g.ok) throw new Error(res.extras.g.error.message);
      return { roundTrip: t1 - t0, engine: res.ms, long: longest, mode: res.mode, points: res.extras.g.value.xs.length };
    },
    /** Press Play on the training chart; resolve with the longest main-thread task until it stops. */
    play() {
      return new Promise((resolve) => {
        const btn = () => document.querySelector('[data-testid="plot.training.play"]');
        if (!btn()) throw new Error('the training chart shows no Play button (see the page errors above)');
        const t0 = performance.now();
        btn().click();
        let frames = 0;
        const poll = () => {
          frames++;
          if (!/Play/.test(btn().textContent) && performance.now() - t0 < 20000) { requestAnimationFrame(poll); return; }
          const t1 = performance.now();
          const longest = long.filter(([s, d]) => s + d >= t0 && s <= t1).reduce((m, [, d]) => Math.max(m, d), 0);
          resolve({ ms: t1 - t0, frames, long: longest });
        };
        requestAnimationFrame(poll);
      });
    },
    waitMark(tab, since) {
      return new Promise((resolve) => {
        const hit = () => performance.getEntriesByName('charts:updated').find((e) => e.startTime >= since && e.detail?.tab === tab);
        const end = performance.now() + 15000;
        const poll = () => (hit() || performance.now() > end ? resolve(Boolean(hit())) : setTimeout(poll, 20));
        poll();
      });
    },
  };
}

/** Self time per function (ms per edit), top 25, from a CDP CPU profile. */
function printProfile(profile, edits) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const cf = byId.get(profile.samples[i]).callFrame;
    const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  const top = [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, ms] of top) console.error(`    ${(ms / edits).toFixed(2).padStart(7)} ms/edit  ${k}`);
}

/** Main-thread self time per trace event name (ms per edit), top 20. */
function printTrace(trace, edits) {
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
  const xs = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    stack.push(e);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  for (const [k, us] of top) console.error(`    ${(us / 1000 / edits).toFixed(2).padStart(7)} ms/edit  ${k}`);
  if (process.env.TRACE_PAINTS) for (const e of xs.filter((x) => x.name === 'Paint').slice(0, 40)) console.error('      paint', (e.dur / 1000).toFixed(2), JSON.stringify(e.args?.data));
}

const median = (a) => { const s = a.filter(Number.isFinite).sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const p95 = (a) => { const s = a.filter(Number.isFinite).sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] : NaN; };
const f = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'lp-bench-'));
  let server;
  let browser;
  try {
    console.log('building (mode bench)…');
    await build({ mode: 'bench', logLevel: 'error', build: { outDir, emptyOutDir: true, minify: !PROFILE } });
    server = await preview({ logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
    const base = server.resolvedUrls.local[0];
    process.stderr.write(`serving ${base}\n`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const rows = [];
    for (const sc of SCENARIOS) {
      const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
      page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
      await page.goto(base);
      await page.waitForFunction(() => globalThis.__lossPlayground !== undefined);
      if (process.env.EXTRA_CSS) await page.addStyleTag({ content: process.env.EXTRA_CSS });
      await page.evaluate(installProbe);
      // HIDE=inputs,result: hide panels, to see what each one costs an edit.
      const hide = process.env.HIDE ? process.env.HIDE.split(',') : null;
      await page.evaluate((d) => globalThis.__lossPlayground.store.getState().loadDoc(d), hide ? { ...sc.doc, view: { ...sc.doc.view, hide } } : sc.doc);
      const path = sc.path ?? [0, 0];
      for (const tab of sc.tabs) {
        process.stderr.write(`  ${sc.name}: ${tab}\n`);
        // The tab's chart has drawn once (warm-up edits below absorb a doc that just loaded).
        await page.evaluate((t) => globalThis.__lossPlayground.store.getState().setView({ tab: t }), tab);
        await page.evaluate((t) => globalThis.__bench.waitMark(t, 0), tab);
        const samples = [];
        // Main-thread busy time over the measured edits (CDP Performance metrics; cheap, always on).
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        const tracing = TRACE ? page.context().browser() : null;
        let metrics0 = null;
        for (let i = 0; i < sc.edits + 3; i++) {
          if (tracing && i === 3) await tracing.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] });
          if (i === 3) metrics0 = await cdp.send('Performance.getMetrics');
          if (PROFILE && i === 3) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start'); }
          const value = path.length === 3 ? 0.1 * (i % 7) : Number((0.05 + 0.01 * (i % 5)).toFixed(2));
          const r = await page.evaluate(([p, v, t]) => globalThis.__bench.edit(p, v, t), [path, value, tab]);
          if (i >= 3) samples.push(r); // 3 warm-up edits
          if (i >= 3 && TIMELINE) console.error(`    mark ${r.mark.toFixed(1)}: ${r.tl}`);
        }
        if (tracing) printTrace(JSON.parse((await tracing.stopTracing()).toString()), sc.edits);
        const m1 = await cdp.send('Performance.getMetrics');
        const at = (m, k) => m.metrics.find((x) => x.name === k)?.value ?? 0;
        const per = (k) => ((at(m1, k) - at(metrics0, k)) * 1000) / sc.edits;
        if (PROFILE) {
          printProfile((await cdp.send('Profiler.stop')).profile, sc.edits);
          console.error(`    per edit: task ${per('TaskDuration').toFixed(1)} ms, script ${per('ScriptDuration').toFixed(1)}, style ${per('RecalcStyleDuration').toFixed(1)}, layout ${per('LayoutDuration').toFixed(1)}; DOM nodes ${at(m1, 'Nodes')}`);
        }
        rows.push({
          scenario: sc.name, chart: tab, n: samples.length,
          'mark med': f(median(samples.map((s) => s.mark))), 'mark p95': f(p95(samples.map((s) => s.mark))),
          'frame med': f(median(samples.map((s) => s.frame))), 'max long task': f(Math.max(...samples.map((s) => s.long))),
          'engine med': f(median(samples.map((s) => s.engine ?? NaN))), 'busy/edit': f(per('TaskDuration')),
        });
      }
      if (sc.play) {
        const plays = [];
        for (let i = 0; i < 3; i++) plays.push(await page.evaluate(() => globalThis.__bench.play()));
        rows.push({
          scenario: sc.name, chart: 'training play', n: plays.length, 'mark med': '–', 'mark p95': '–',
          'frame med': f(median(plays.map((r) => r.ms / r.frames))), 'max long task': f(Math.max(...plays.map((r) => r.long))), 'engine med': '–',
        });
      }
      if (sc.sweep) {
        const runs = [];
        for (let i = 0; i < 8; i++) runs.push(await page.evaluate(() => globalThis.__bench.sweep()));
        const ok = runs.slice(2);
        rows.push({
          scenario: sc.name, chart: `gammaSweep x101 (${ok[0].mode})`, n: ok.length,
          'mark med': '–', 'mark p95': '–', 'frame med': f(median(ok.map((r) => r.roundTrip))),
          'max long task': f(Math.max(...ok.map((r) => r.long))), 'engine med': f(median(ok.map((r) => r.engine))),
        });
      }
      await page.context().close();
    }
    console.log(`\nChromium ${browser.version()}, ${EDITS} edits per chart (fewer for the large inputs), times in ms`);
    console.table(rows);
    console.log('mark = edit -> charts:updated; frame = edit -> next animation frame (sweep row: worker round trip; play row: ms per animation frame while playing);\nengine = worker time; busy/edit = main-thread task time per edit (mean, CDP Performance.TaskDuration).');
  } finally {
    await browser?.close();
    if (server) await new Promise((r) => server.httpServer.close(r));
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
