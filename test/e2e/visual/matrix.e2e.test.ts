/**
 * The visual matrix (issue 11): each state opened in real Chromium as a person would see it, in
 * its colour scheme and width, then checked: no console or page error; no sideways scroll; every
 * series inside its plot and not collapsed on an edge; every axis labelled; text ≥ 4.5:1 and data
 * marks ≥ 3:1 (inspect.page.js); the numbers the result, explain and pitfall text state are the
 * engine's. One browser, a few pages at a time; a screenshot of each state under
 * test-results/screenshots/matrix-*.jpg.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, screenshot } from '../harness';
import { engineNumbers } from './numbers';
import { pathOf, STATES, type VisualState } from './states';

const INSPECT = readFileSync(join(__dirname, 'inspect.page.js'), 'utf8');
/** Pages open at once: CI has two cores, and the worker of each page computes while another paints. */
const PARALLEL = 3;

let free = PARALLEL;
const waiting: (() => void)[] = [];
async function slot<T>(f: () => Promise<T>): Promise<T> {
  if (free > 0) free--;
  else await new Promise<void>((r) => waiting.push(r));
  try { return await f(); } finally {
    const next = waiting.shift();
    if (next) next();
    else free++;
  }
}

/** The result is fresh and the open tab's charts have drawn (or said why they cannot). */
async function settled(page: Page, tab: string): Promise<void> {
  await page.waitForFunction((t) => {
    const value = document.querySelector('[data-testid="result.value"] .num');
    if (!value || document.querySelector('.panel.result[aria-busy="true"], .panel.explain[aria-busy="true"]')) return false;
    const panel = document.querySelector(`[data-testid="charts.panel.${t}"]`);
    if (!panel) return false;
    const figures = [...panel.querySelectorAll('figure.chart')];
    if (!figures.length) {
      const status = panel.querySelector('[data-testid$=".status"]');
      return !!status && !/Computing/.test(status.textContent ?? '');
    }
    return figures.every((f) => f.getAttribute('aria-busy') === 'false' && f.querySelector('svg [data-testid$=".overlay"]'));
  }, tab, { timeout: 30_000, polling: 100 });
  // One more frame so layout (widths from ResizeObserver) has settled.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function check(state: VisualState): Promise<string[]> {
  const app = await openApp({ path: pathOf(state.doc), viewport: { width: state.width, height: 900 }, colorScheme: state.theme });
  try {
    const { page } = app;
    const t0 = Date.now();
    await settled(page, state.doc.view.tab);
    const t1 = Date.now();
    const seen = await page.evaluate(INSPECT) as { problems: string[]; stats: Record<string, number> };
    const texts = await page.evaluate(() => ({
      value: document.querySelector('[data-testid="result.value"]')?.textContent ?? '',
      reduction: document.querySelector('[data-step="reduction"] .step-math')?.textContent ?? null,
      clipNote: [...document.querySelectorAll('.changed-note')].map((n) => n.textContent ?? ''),
      pitfalls: [...document.querySelectorAll('[data-pitfall]')].map((p) => ({ id: p.getAttribute('data-pitfall') ?? '', text: p.textContent ?? '' })),
      ctc: document.querySelector('[data-testid="plot.ctc"] figcaption')?.textContent ?? null,
    }));
    const t2 = Date.now();
    await screenshot(page, `matrix-${state.name}`, 'jpeg');
    if (process.env.MATRIX_TIMING) console.log(state.name, 'settle', t1 - t0, 'inspect', t2 - t1, 'shot', Date.now() - t2);
    const problems = [...app.errors, ...seen.problems, ...engineNumbers(state.doc, texts)];
    if (seen.stats.texts < 20) problems.push(`only ${seen.stats.texts} text elements checked: the page did not render`);
    return problems;
  } finally {
    await app.close();
  }
}

describe.concurrent('visual matrix: every state as a person sees it', () => {
  for (const state of STATES) {
    it(state.name, async () => {
      const problems = await slot(() => check(state));
      expect(problems, `${state.name}: ${pathOf(state.doc)}`).toEqual([]);
    }, 90_000);
  }
});
