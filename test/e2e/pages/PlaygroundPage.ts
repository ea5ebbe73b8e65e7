/**
 * Page objects for the main screen (tldraw-style fixtures): each panel is a small class that speaks
 * in the user's terms (set a cell, set a parameter, copy the link) through role and label locators.
 */
import type { Locator, Page } from 'playwright-core';
import { LessonCard, ShareLessonDialog } from './LessonPages';

export class GridPanel {
  constructor(private readonly page: Page) {}

  cell(field: string, ...index: number[]): Locator {
    return this.page.getByRole('textbox', { name: `${field}[${index.join(', ')}]`, exact: true });
  }

  /** Types a value into a cell (replacing its text) and leaves the cell with Tab. */
  async setCell(field: string, row: number, col: number | null, value: string): Promise<void> {
    const cell = col === null ? this.cell(field, row) : this.cell(field, row, col);
    await cell.click();
    await cell.fill(value);
  }

  async pasteInto(field: string, text: string): Promise<void> {
    await this.page.getByRole('button', { name: `Paste into ${field}` }).click();
    const box = this.page.getByLabel(new RegExp(`^Paste ${field}:`));
    await box.fill(text);
    await this.page.getByRole('button', { name: `Replace ${field}` }).click();
  }

  editor(field: string): Locator {
    return this.page.getByTestId(`editor.${field}`);
  }
}

export class ParamsPanel {
  constructor(private readonly page: Page) {}

  panel(): Locator {
    return this.page.getByTestId('panel.params');
  }

  /** Sets a parameter by its Keras name: a checkbox for booleans, the exact-entry box for numbers, a select for choices. */
  async set(name: string, value: string | number | boolean): Promise<void> {
    const control = this.panel().getByLabel(name, { exact: true });
    if (typeof value === 'boolean') {
      await control.setChecked(value);
      return;
    }
    const tag = await control.evaluate((el) => el.tagName);
    if (tag === 'SELECT') await control.selectOption(String(value));
    else await control.fill(String(value));
  }

  /** The range input of a numeric parameter (label_smoothing, gamma, alpha). */
  slider(name: string): Locator {
    return this.panel().getByRole('slider', { name: `${name} slider`, exact: true });
  }

  /** Drags a parameter's slider thumb to `fraction` of its track with the mouse. */
  async drag(name: string, fraction: number): Promise<void> {
    const box = (await this.slider(name).boundingBox())!;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + 2, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * fraction, y, { steps: 8 });
    await this.page.mouse.up();
  }
}

export class ResultPanel {
  constructor(private readonly page: Page) {}

  value(): Locator {
    return this.page.getByTestId('result.value').locator('.num').first();
  }

  async text(): Promise<string> {
    return (await this.value().textContent())?.trim() ?? '';
  }

  presetMatch(): Locator {
    return this.page.getByTestId('preset-match');
  }

  /** The plain sentence under the number: what it means, with this input's numbers. */
  sentence(): Locator {
    return this.page.getByTestId('result.sentence');
  }

  /** The number shown, as the engine computed it (the full value the page keeps beside the printed one). */
  async computed(): Promise<number> {
    return Number(await this.value().getAttribute('data-value'));
  }

  pitfall(id: string): Locator {
    return this.page.locator(`[data-pitfall="${id}"]`);
  }
}

export class HeaderBar {
  constructor(private readonly page: Page) {}

  async pickLoss(label: string): Promise<void> {
    await this.page.getByLabel('Loss', { exact: true }).selectOption({ label });
  }

  async pickPreset(id: string): Promise<void> {
    await this.page.getByLabel('Presets', { exact: true }).selectOption(id);
  }

  undo(): Locator {
    return this.page.getByRole('button', { name: 'Undo', exact: true });
  }

  redo(): Locator {
    return this.page.getByRole('button', { name: 'Redo', exact: true });
  }
}

export class SharePanel {
  constructor(private readonly page: Page) {}

  /** Clicks Copy link and returns the URL from the clipboard (or from the fallback field). */
  async copyUrl(): Promise<string> {
    await this.page.getByRole('button', { name: 'Copy link' }).click();
    const fallback = this.page.getByLabel('Shareable link');
    await this.page.getByText(/Link copied|copy the link from the field/).waitFor();
    if (await fallback.count()) return fallback.inputValue();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}

export class CodePanel {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Export code' }).click();
  }

  async tab(label: string): Promise<void> {
    await this.page.getByRole('tab', { name: label }).click();
  }

  async snippet(): Promise<string> {
    return (await this.page.getByTestId('code-snippet').textContent()) ?? '';
  }
}

/** The Keras backend picker and the compare-backends view. */
export class BackendsPanel {
  constructor(private readonly page: Page) {}

  picker(): Locator {
    return this.page.getByLabel('Keras backend', { exact: true });
  }

  async pick(backend: 'tensorflow' | 'jax' | 'torch' | 'numpy'): Promise<void> {
    await this.picker().selectOption(backend);
  }

  view(): Locator {
    return this.page.getByTestId('compare-backends');
  }

  /** Opens the compare view and waits until it compares the current document. */
  async open(): Promise<void> {
    if (!(await this.view().evaluate((d) => (d as HTMLDetailsElement).open))) await this.view().locator('summary').click();
    await this.page.waitForFunction(() => {
      const v = document.querySelector('[data-testid="compare-backends"]');
      return v && !v.getAttribute('aria-busy') && v.querySelectorAll('.bk-card').length === 5;
    });
  }

  card(label: string): Locator {
    return this.view().getByRole('group', { name: label, exact: true });
  }

  why(): Locator {
    return this.page.getByTestId('compare-backends.why');
  }
}

export class PlaygroundPage {
  readonly grid: GridPanel;
  readonly params: ParamsPanel;
  readonly result: ResultPanel;
  readonly header: HeaderBar;
  readonly share: SharePanel;
  readonly code: CodePanel;
  readonly backends: BackendsPanel;
  readonly lesson: LessonCard;
  readonly shareLesson: ShareLessonDialog;

  constructor(readonly page: Page) {
    this.grid = new GridPanel(page);
    this.params = new ParamsPanel(page);
    this.result = new ResultPanel(page);
    this.header = new HeaderBar(page);
    this.share = new SharePanel(page);
    this.code = new CodePanel(page);
    this.backends = new BackendsPanel(page);
    this.lesson = new LessonCard(page);
    this.shareLesson = new ShareLessonDialog(page);
  }

  /** The per-sample value of sample `i` in the result panel's table, as printed. */
  async perSample(i: number): Promise<string> {
    const row = this.page.getByRole('table', { name: 'Per-sample values', exact: true }).locator('tbody tr').nth(i);
    return ((await row.locator('td .num').first().textContent()) ?? '').trim();
  }

  /** The per-sample value of sample `i` as the engine computed it (its full value, not the printed digits). */
  async perSampleComputed(i: number): Promise<number> {
    const row = this.page.getByRole('table', { name: 'Per-sample values', exact: true }).locator('tbody tr').nth(i);
    return Number(await row.locator('td .num').first().getAttribute('data-value'));
  }

  /** Waits until the result panel shows the answer for the current input (not an older one, marked busy). */
  async settled(): Promise<void> {
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="panel.result"]')?.getAttribute('aria-busy'));
  }

  /** Waits until the result shows `text` (numbers update live, a few ms after an edit). */
  async expectValue(text: string, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (t) => document.querySelector('[data-testid="result.value"] .num')?.textContent?.trim() === t,
      text, { timeout },
    ).catch(async () => {
      throw new Error(`expected the result to show ${text}, it shows ${await this.result.text()}`);
    });
  }
}
