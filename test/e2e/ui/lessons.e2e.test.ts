/**
 * Teaching in Chromium: every built-in lesson opens from its link and states the numbers the engine
 * computes (evaluated here in Node and compared with what the page prints); a link made by the
 * share-as-lesson dialog reopens the same view, and the panels it leaves fill their row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateMany } from '../../../src/engine/index';
import { fillTemplate, LESSONS, printNumber, segmentsText, stepDocs, stepRequests, valuesOf, type LessonStep, type Outcome } from '../../../src/lessons/index';
import { formatNumber } from '../../../src/ui/common/format';
import { openApp, screenshot, type App } from '../harness';
import { emptyColumns, panelBoxes } from '../pages/LessonPages';
import { PlaygroundPage } from '../pages/PlaygroundPage';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

/** What the step's numbers should print as, by reference, from an engine evaluation in Node. */
function expected(step: LessonStep): { numbers: Record<string, string>; text: string } {
  const outcomes: Record<string, Outcome> = {};
  const requests = stepRequests(step);
  evaluateMany(requests).forEach((o, i) => { outcomes[requests[i].variant] = o; });
  const values = valuesOf(stepDocs(step), outcomes);
  const numbers: Record<string, string> = {};
  for (const t of [step.text, step.try]) {
    for (const seg of fillTemplate(t, values)) {
      if (seg.kind === 'num' && seg.value !== null) numbers[seg.ref.text] = printNumber(seg.value, seg.ref, step.doc.dtype, formatNumber);
    }
  }
  return { numbers, text: segmentsText(fillTemplate(step.text, values), step.doc.dtype, formatNumber).replace(/`/g, '') };
}

describe('lessons', () => {
  it('each lesson opens from its link, and every number each step states is the engine’s', async () => {
    const a = await openApp({ path: `/#v=1&lesson=${LESSONS[0].id}&step=1` });
    apps.push(a);
    const card = new PlaygroundPage(a.page).lesson;
    for (const [k, lesson] of LESSONS.entries()) {
      if (k > 0) await a.page.evaluate((id) => { window.location.hash = `#v=1&lesson=${id}&step=1`; }, lesson.id);
      for (const [i, step] of lesson.steps.entries()) {
        if (i > 0) await card.next();
        await card.waitFor(lesson.id, i + 1);
        const want = expected(step);
        expect(await card.numbers(), `${lesson.id} step ${i + 1}`).toEqual(want.numbers);
        expect(await card.text()).toBe(want.text);
        if (step.view.tab) expect(await a.page.getByRole('tab', { selected: true }).getAttribute('data-testid')).toBe(`charts.tab.${step.view.tab}`);
      }
    }
    await screenshot(a.page, 'lesson-backends-last-step');
    expect(a.errors).toEqual([]);
  });
});

describe('share as a lesson', () => {
  it('a link made by the dialog reopens the same hidden panels, tab, cell, title and note, with no empty column', async () => {
    const a = await openApp({ path: '/#v=1&lesson=smoothing&step=2' });
    apps.push(a);
    const pg = new PlaygroundPage(a.page);
    await pg.lesson.waitFor('smoothing', 2);
    const share = pg.shareLesson;
    await share.open();
    // Focus moves into the dialog, on its first field.
    expect(await a.page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await share.dialog().getByLabel('Title').fill('Week 3: the optimum of smoothing');
    await share.dialog().getByLabel('Note shown at the top').fill('Find the prediction with the lowest loss.\nThen move label_smoothing.');
    await share.hide('Inputs');
    await share.hide('Explain');
    await share.hide('axis');
    await share.dialog().getByLabel('Chart to open').selectOption('gradient');
    await share.setCell(0, 2);
    const link = await share.link();
    await a.page.keyboard.press('Escape');
    await share.dialog().waitFor({ state: 'detached' });
    // Focus goes back to the button that opened the dialog.
    expect(await a.page.evaluate(() => document.activeElement?.textContent)).toBe('Share as a lesson…');

    const b = await openApp({ path: link.slice(link.indexOf('/', 8)) });
    apps.push(b);
    await new PlaygroundPage(b.page).lesson.waitFor('smoothing', 2);
    expect(await b.page.getByTestId('teacher-note.title').textContent()).toBe('Week 3: the optimum of smoothing');
    expect(await b.page.getByTestId('teacher-note.text').innerText()).toBe('Find the prediction with the lowest loss.\nThen move label_smoothing.');
    expect(await b.page.getByTestId('panel.inputs').count()).toBe(0);
    expect(await b.page.getByTestId('panel.explain').count()).toBe(0);
    expect(await b.page.getByTestId('panel.params').getByLabel('axis', { exact: true }).count()).toBe(0);
    expect(await b.page.getByTestId('panel.params').getByLabel('label_smoothing', { exact: true }).count()).toBe(1);
    expect(await b.page.getByRole('tab', { selected: true }).textContent()).toBe('Gradient');
    await b.page.getByTestId('plot.gradient.svg').waitFor();
    expect(await b.page.getByTestId('plot.gradient').locator('figcaption strong').textContent()).toMatch(/sample 0 against y_pred entry 2/);

    // No empty column: across the middle of every panel, the panels beside it span the layout's width.
    const { layout, panels } = await panelBoxes(b.page);
    expect(panels.map((p) => p.id)).toEqual(['panel.params', 'panel.result', 'panel.result-details', 'panel charts-area']);
    expect(emptyColumns(layout, panels)).toEqual([]);
    await screenshot(b.page, 'share-lesson-reopened');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('any one or two of inputs, parameters and result leave no empty column, at desktop and tablet widths', async () => {
    const a = await openApp({ path: '/#v=1&lesson=reduction&step=1' });
    apps.push(a);
    // A lesson link starts the page once the lessons' chunk is in: measure the page it opens.
    await a.page.waitForSelector('[data-testid="lesson-card"][data-lesson="reduction"]');
    for (const width of [1280, 900]) {
      await a.page.setViewportSize({ width, height: 900 });
      for (const hide of ['inputs', 'params', 'result', 'inputs,params', 'inputs,result', 'params,result']) {
        await a.page.evaluate((h) => { window.location.hash = `#v=1&lesson=reduction&step=1&hide=${h}`; }, hide);
        await a.page.waitForFunction((n) => document.querySelector(`main.layout.top-${n}`) !== null, 3 - hide.split(',').length);
        const { layout, panels } = await panelBoxes(a.page);
        expect(emptyColumns(layout, panels), `${width}px, hide=${hide}`).toEqual([]);
      }
    }
    // The check finds the gap the layout had before it counted the panels: at 900 px the parameters
    // alone in the first row, the result below them across both columns.
    await a.page.setViewportSize({ width: 900, height: 900 });
    await a.page.evaluate(() => { window.location.hash = '#v=1&lesson=reduction&step=1&hide=inputs'; });
    await a.page.waitForFunction(() => document.querySelector('main.layout.top-2') !== null);
    await a.page.evaluate(() => { document.querySelector('main.layout')!.className = 'layout'; });
    const { layout, panels } = await panelBoxes(a.page);
    expect(emptyColumns(layout, panels).length).toBeGreaterThan(0);
  });
});
