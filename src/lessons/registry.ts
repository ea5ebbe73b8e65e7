/**
 * The built-in lessons' content, once it is loaded. The content (src/lessons/index.ts and what it
 * imports, ~9 kB gzipped) is not part of the page's start-up script: load.ts imports it on demand,
 * and index.ts hands its functions here when it is evaluated, whoever imported it. Code in the
 * start-up script reads lessons only through lessonsNow() / loadLessons().
 */
import type { DecodeError } from '../document/schema';
import type { DType } from '../engine/types';
import type { ExampleDoc } from '../document/document';
import type { Outcome, Ref } from './refs';
import type { Segment } from './template';
import type { StepRequest } from './requests';
import type { Lesson, LessonStep, Values } from './types';

export interface LessonsApi {
  LESSONS: readonly Lesson[];
  findLesson(id: string | undefined): Lesson | undefined;
  currentStep(doc: Pick<ExampleDoc, 'view'>): { lesson: Lesson; step: LessonStep; index: number } | undefined;
  stepDoc(lesson: Lesson, index: number): ExampleDoc;
  lessonLink(lesson: Lesson, index: number, around?: Pick<ExampleDoc['view'], 'hide' | 'title' | 'note'>): string;
  isStepExample(doc: ExampleDoc, lesson: Lesson, index: number): boolean;
  readLessonLink(doc: ExampleDoc): { doc: ExampleDoc; errors: DecodeError[] };
  stepRequests(step: LessonStep): StepRequest[];
  stepDocs(step: LessonStep): Record<string, ExampleDoc>;
  valuesOf(docs: Record<string, ExampleDoc>, outcomes: Record<string, Outcome | undefined>): Values;
  fillTemplate(template: string, values: Values): Segment[];
  printNumber(value: number, ref: Ref, dtype: DType, print: (x: number, dtype: DType) => string): string;
}

let loaded: LessonsApi | null = null;
const listeners = new Set<() => void>();

/** Called once by index.ts when the content is evaluated. */
export function provideLessons(api: LessonsApi): void {
  loaded = api;
  for (const l of listeners) l();
}

/** The content if it is loaded, else null (then loadLessons() brings it). */
export function lessonsNow(): LessonsApi | null {
  return loaded;
}

/** Calls back once the content arrives (for useSyncExternalStore); returns the unsubscribe. */
export function onLessonsLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
