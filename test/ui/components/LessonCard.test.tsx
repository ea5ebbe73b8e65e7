// @vitest-environment jsdom
/** The lesson card in the page: a lesson picked in the header opens its first step, numbers come from the engine, Back / Next move through the steps. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/App';
import { evaluateMany } from '../../../src/engine/index';
import { fillTemplate, findLesson, segmentsText, stepDoc, stepDocs, stepRequests, valuesOf, type LessonStep, type Outcome } from '../../../src/lessons/index';
import { appStore } from '../../../src/state/useStore';
import { formatNumber } from '../../../src/ui/common/format';
import { doc, renderWired, settled, teardown } from './setup';

afterEach(teardown);

/** The step's text as the engine says it should read (evaluated here, independently of the page's worker job). */
function expectedText(step: LessonStep): string {
  const outcomes: Record<string, Outcome> = {};
  const requests = stepRequests(step);
  evaluateMany(requests).forEach((o, i) => { outcomes[requests[i].variant] = o; });
  return segmentsText(fillTemplate(step.text, valuesOf(stepDocs(step), outcomes)), step.doc.dtype, formatNumber).replace(/`/g, '');
}

const card = () => screen.getByTestId('lesson-card');
const cardText = () => within(card()).getByTestId('lesson-text').textContent;

describe('LessonCard', () => {
  it('picking a lesson opens its first step, with the numbers the engine computes for the step’s example', async () => {
    const user = userEvent.setup();
    renderWired(<App />);
    expect(screen.queryByTestId('lesson-card')).toBeNull();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Lessons' }), 'clipping');
    const lesson = findLesson('clipping')!;
    expect(doc()).toEqual(stepDoc(lesson, 0));
    expect(within(card()).getByRole('heading', { name: 'A probability of zero' })).toBeTruthy();
    expect(within(card()).getByTestId('lesson-count').textContent).toBe('step 1 of 4');
    await waitFor(() => expect(cardText()).toBe(expectedText(lesson.steps[0])));
    expect(cardText()).toContain('16.118095');
  });

  it('Next and Back load each step’s example; Back is off on the first step and Next on the last', async () => {
    const user = userEvent.setup();
    const lesson = findLesson('loss_vs_metric')!;
    renderWired(<App />, stepDoc(lesson, 0));
    const back = () => within(card()).getByRole('button', { name: '← Back' }) as HTMLButtonElement;
    const next = () => within(card()).getByRole('button', { name: 'Next →' }) as HTMLButtonElement;
    expect(back().disabled).toBe(true);
    await user.click(next());
    expect(doc()).toEqual(stepDoc(lesson, 1));
    await waitFor(() => expect(cardText()).toBe(expectedText(lesson.steps[1])));
    await user.click(next());
    expect(next().disabled).toBe(true);
    await user.click(back());
    expect(doc().view.step).toBe(2);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(doc().view.step).toBe(3);
  });

  it('after an edit the card keeps the step’s numbers and offers the step’s example back', async () => {
    const user = userEvent.setup();
    const lesson = findLesson('reduction')!;
    renderWired(<App />, stepDoc(lesson, 1));
    await waitFor(() => expect(cardText()).toBe(expectedText(lesson.steps[1])));
    appStore.getState().setTensor('sample_weight', [1, 1]);
    await settled();
    expect(cardText()).toBe(expectedText(lesson.steps[1]));
    await user.click(within(card()).getByRole('button', { name: 'Back to the step’s example' }));
    expect(doc().sample_weight).toEqual([0.5, 2]);
  });

  it('Close lesson removes the card and keeps the example', async () => {
    const user = userEvent.setup();
    const lesson = findLesson('ctc')!;
    renderWired(<App />, stepDoc(lesson, 0));
    await user.click(within(card()).getByRole('button', { name: 'Close lesson' }));
    expect(screen.queryByTestId('lesson-card')).toBeNull();
    expect(doc().name).toBe('CTC');
    expect(doc().view.lesson).toBeUndefined();
  });

  it('a teacher’s title and note show above the panels; “Show the whole playground” brings hidden panels back', async () => {
    const user = userEvent.setup();
    const base = stepDoc(findLesson('focal')!, 0);
    renderWired(<App />, { ...base, view: { ...base.view, hide: ['inputs', 'explain'], title: 'Week 3', note: 'Read this first.' } });
    const note = screen.getByTestId('teacher-note');
    expect(within(note).getByRole('heading', { name: 'Week 3' })).toBeTruthy();
    expect(within(note).getByText('Read this first.')).toBeTruthy();
    expect(screen.queryByTestId('panel.inputs')).toBeNull();
    expect(document.querySelector('main.layout')!.className).toBe('layout top-2');
    await user.click(within(note).getByRole('button', { name: 'Show the whole playground' }));
    expect(screen.getByTestId('panel.inputs')).toBeTruthy();
    expect(document.querySelector('main.layout')!.className).toBe('layout top-3');
    expect(screen.queryByTestId('teacher-note')).toBeNull();
  });
});
