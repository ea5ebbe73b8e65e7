/**
 * The built-in lessons and how a lesson becomes a document and a link: `#v=1&lesson=smoothing&step=2`
 * opens step 2 of the smoothing lesson; the same keys next to a document (an edited step) keep the
 * document and show the step's card above it.
 */
import { defaultDoc, REQUEST_FIELDS, type ExampleDoc } from '../document/document';
import { deepEqual } from '../document/nested';
import { encode } from '../document/codec';
import type { DecodeError } from '../document/schema';
import { backends } from './content/backends';
import { clipping } from './content/clipping';
import { ctc } from './content/ctc';
import { focal } from './content/focal';
import { fromLogits } from './content/fromLogits';
import { lossVsMetric } from './content/lossVsMetric';
import { reduction } from './content/reduction';
import { smoothing } from './content/smoothing';
import type { Lesson, LessonStep } from './types';
import { provideLessons } from './registry';
import { fillTemplate, printNumber, stepDocs, valuesOf } from './template';
import { stepRequests } from './requests';

export type { Lesson, LessonPanel, LessonStep, StepView, Values, Claim } from './types';
export { fillTemplate, parseTemplate, printNumber, segmentsText, stepDocs, strayNumbers, valuesOf, type Segment } from './template';
export { parseRef, readRef, type Outcome, type Ref } from './refs';
export { stepRequests, type StepRequest } from './requests';

/** In the order a course would take them. */
export const LESSONS: readonly Lesson[] = [fromLogits, clipping, smoothing, focal, reduction, lossVsMetric, ctc, backends];

export function findLesson(id: string | undefined): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

/** The step a document's view points at (1-based `step`), or undefined. */
export function currentStep(doc: Pick<ExampleDoc, 'view'>): { lesson: Lesson; step: LessonStep; index: number } | undefined {
  const lesson = findLesson(doc.view.lesson);
  const index = (doc.view.step ?? 1) - 1;
  const step = lesson?.steps[index];
  return lesson && step ? { lesson, step, index } : undefined;
}

/** The document a lesson step opens: its example, with the step's chart tab and cell, and the lesson in the view. */
export function stepDoc(lesson: Lesson, index: number): ExampleDoc {
  const step = lesson.steps[index];
  const doc = structuredClone(step.doc);
  doc.view = {
    ...doc.view,
    tab: step.view.tab ?? doc.view.tab,
    selected: step.view.selected ?? doc.view.selected,
    lesson: lesson.id,
    step: index + 1,
  };
  return doc;
}

/**
 * The short link (hash text, without `#`) to a lesson step: the lesson keys plus the view keys a
 * teacher set around it (hidden panels, title, note); readLessonLink opens the step's example.
 */
export function lessonLink(lesson: Lesson, index: number, around: Pick<ExampleDoc['view'], 'hide' | 'title' | 'note'> = { hide: [] }): string {
  const base = defaultDoc();
  const view = { ...base.view, hide: around.hide, lesson: lesson.id, step: index + 1 };
  if (around.title !== undefined) Object.assign(view, { title: around.title });
  if (around.note !== undefined) Object.assign(view, { note: around.note });
  return encode({ ...base, view });
}

/** True when the document is the step's own example (a card can offer to go back to it otherwise). */
export function isStepExample(doc: ExampleDoc, lesson: Lesson, index: number): boolean {
  const own = lesson.steps[index]?.doc;
  return own !== undefined && REQUEST_FIELDS.every((k) => deepEqual(doc[k], own[k]));
}

/**
 * A decoded link, read for its lesson keys. A link naming a lesson but no document of its own
 * (`#v=1&lesson=ctc&step=2`: what it decodes to asks what the default example asks) opens that
 * step's example, keeping the link's own view keys (hidden panels, a title and note, a tab or
 * cell that differ from the default). A link with a document keeps it. An unknown lesson or step
 * is reported by field, like any bad value in a link.
 */
export function readLessonLink(doc: ExampleDoc): { doc: ExampleDoc; errors: DecodeError[] } {
  const { lesson: id, step } = doc.view;
  if (id === undefined && step === undefined) return { doc, errors: [] };
  const lesson = findLesson(id);
  if (!lesson) {
    const { lesson: _l, step: _s, ...view } = doc.view;
    const message = id === undefined
      ? 'a step needs a lesson; ignored'
      : `no built-in lesson is called "${id}" (lessons: ${LESSONS.map((l) => l.id).join(', ')}); ignored`;
    return { doc: { ...doc, view }, errors: [{ field: id === undefined ? 'view.step' : 'view.lesson', message }] };
  }
  const errors: DecodeError[] = [];
  let index = (step ?? 1) - 1;
  if (index >= lesson.steps.length) {
    errors.push({ field: 'view.step', message: `the ${lesson.id} lesson has ${lesson.steps.length} steps; opened the first` });
    index = 0;
  }
  const base = defaultDoc();
  if (!REQUEST_FIELDS.every((k) => deepEqual(doc[k], base[k]))) {
    return { doc: { ...doc, view: { ...doc.view, step: index + 1 } }, errors };
  }
  const opened = stepDoc(lesson, index);
  const view = doc.view;
  opened.view = {
    ...opened.view,
    hide: view.hide,
    ...(view.tab !== base.view.tab ? { tab: view.tab } : {}),
    ...(view.selected !== null ? { selected: view.selected } : {}),
    ...(view.title !== undefined ? { title: view.title } : {}),
    ...(view.note !== undefined ? { note: view.note } : {}),
    ...(view.embed !== undefined ? { embed: view.embed } : {}),
  };
  return { doc: opened, errors };
}

/** The page reads the content through registry.ts (it loads this module on demand, load.ts). */
provideLessons({
  LESSONS, findLesson, currentStep, stepDoc, lessonLink, isStepExample, readLessonLink,
  stepRequests, stepDocs, valuesOf, fillTemplate, printNumber,
});
