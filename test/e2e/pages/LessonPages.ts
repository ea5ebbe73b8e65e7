/**
 * Page objects for teaching: the lesson card, the share-as-lesson dialog, the layout's first row,
 * and an embed inside an <iframe> on another site's page.
 */
import type { Frame, Locator, Page } from 'playwright-core';

export class LessonCard {
  constructor(private readonly page: Page) {}

  card(): Locator {
    return this.page.getByTestId('lesson-card');
  }

  /** Waits until the card shows `lesson` step `step` with every number filled in. */
  async waitFor(lesson: string, step: number): Promise<void> {
    await this.page.waitForFunction(([l, s]) => {
      const card = document.querySelector(`[data-testid="lesson-card"][data-lesson="${l}"][data-step="${s}"]`);
      return card !== null && card.querySelectorAll('.lesson-num').length > 0 && card.querySelectorAll('.lesson-num.pending').length === 0;
    }, [lesson, String(step)] as const, { timeout: 15_000 });
  }

  /** Every number in the step's text and its try line, by the reference it was filled from, as printed. */
  async numbers(): Promise<Record<string, string>> {
    return this.card().locator('[data-ref]').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-ref')!, (e.textContent ?? '').trim()])));
  }

  async text(): Promise<string> {
    return ((await this.card().getByTestId('lesson-text').textContent()) ?? '').trim();
  }

  async next(): Promise<void> {
    await this.card().getByRole('button', { name: 'Next →' }).click();
  }
}

export class ShareLessonDialog {
  constructor(private readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Share as a lesson' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Share as a lesson…' }).click();
    await this.dialog().waitFor();
  }

  async hide(label: string): Promise<void> {
    await this.dialog().getByRole('checkbox', { name: label, exact: true }).check();
  }

  async setCell(row: number, col: number): Promise<void> {
    await this.dialog().getByRole('checkbox', { name: 'Select a y_pred cell' }).check();
    await this.dialog().getByRole('spinbutton', { name: 'Row' }).fill(String(row));
    await this.dialog().getByRole('spinbutton', { name: 'Column' }).fill(String(col));
  }

  async link(): Promise<string> {
    return this.dialog().getByLabel('Lesson link').inputValue();
  }

  /** The <iframe> snippet's src, as a browser reads the attribute. */
  async embedSrc(show: 'chart' | 'result'): Promise<string> {
    await this.dialog().getByLabel('Embed shows').selectOption(show);
    const snippet = await this.dialog().getByLabel(/^Embed code/).inputValue();
    const src = /src="([^"]*)"/.exec(snippet)?.[1] ?? '';
    return src.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
}

export interface Box { id: string; left: number; right: number; top: number; bottom: number }

/** The layout's panels, with their boxes, for measuring that shown panels fill each row. */
export async function panelBoxes(page: Page): Promise<{ layout: { left: number; right: number }; panels: Box[] }> {
  return page.evaluate(() => {
    const layout = document.querySelector('main.layout')!.getBoundingClientRect();
    const panels = [...document.querySelectorAll('main.layout > .panel')].map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-testid') ?? el.className, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    return { layout: { left: layout.left, right: layout.right }, panels };
  });
}

/**
 * Where a horizontal line through the middle of each panel finds no panel across the layout's
 * width (an empty column), beyond the grid's gap: one entry per such panel, empty when none.
 */
export function emptyColumns(layout: { left: number; right: number }, panels: Box[], gap = 17): string[] {
  const found: string[] = [];
  for (const p of panels) {
    const y = (p.top + p.bottom) / 2;
    const across = panels.filter((q) => q.top <= y && y <= q.bottom).sort((a, b) => a.left - b.left);
    let x = layout.left;
    for (const q of across) {
      if (q.left - x > gap) found.push(`beside ${p.id}: nothing from ${Math.round(x)} to ${Math.round(q.left)} px`);
      x = Math.max(x, q.right);
    }
    if (layout.right - x > 1) found.push(`beside ${p.id}: nothing from ${Math.round(x)} to ${Math.round(layout.right)} px`);
  }
  return found;
}

/** The embed page inside the frame with this id on a host page. */
export async function embedFrame(page: Page, id: string): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe#${id}`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`iframe#${id} has no frame`);
  return frame;
}
