/** The Training chart tab as a browser test drives it: its controls, its cursor and the step it explains. */
import type { Locator, Page } from 'playwright-core';

const tid = (id: string) => `[data-testid="${id}"]`;

export class TrainingChart {
  constructor(readonly page: Page) {}

  el(id: string): Locator {
    return this.page.locator(tid(`plot.${id}`));
  }

  /** The step the plots' cursor marks. */
  async cursor(): Promise<number> {
    return Number(await this.el('training-loss.cursor').getAttribute('data-step'));
  }

  /** The step whose update the explain section shows, or null while there is none. */
  async explained(): Promise<number | null> {
    const s = this.page.locator(tid('explain.train-step'));
    return (await s.count()) ? Number(await s.getAttribute('data-step')) : null;
  }

  async drawn(): Promise<void> {
    await this.el('training-loss.line').waitFor({ timeout: 20_000 });
  }

  async play(): Promise<void> {
    await this.el('training.play').click();
  }

  async compare(mode: string): Promise<void> {
    await this.el('training.compare').selectOption(mode);
  }

  async scrub(step: number): Promise<void> {
    await this.el('training.scrub').fill(String(step));
  }

  /** The loss path of the run (and of the compared run), which identify the run drawn. */
  async paths(): Promise<(string | null)[]> {
    const compare = this.el('training-loss.compare');
    return [await this.el('training-loss.line').getAttribute('d'), (await compare.count()) ? await compare.getAttribute('d') : null];
  }
}
