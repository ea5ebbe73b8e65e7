/**
 * The numbers of the open lesson step: one engine job on channel 'lesson' per step (its document
 * and the variants its text compares with), run whenever the document's view names another step.
 * The step's own example is evaluated, not the current document, so the card states the lesson's
 * numbers even after the learner edits the inputs.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { loadLessons } from '../../lessons/load';
import { lessonsNow } from '../../lessons/registry';
import type { Outcome } from '../../lessons/refs';
import type { AppStore } from '../../state/types';
import type { ChannelEvent, EngineClient, Job } from '../../worker/client';

export const LESSON_CHANNEL = 'lesson';

export interface LessonNumbersState {
  /** `lesson/step` the outcomes belong to ('' when no lesson is open). */
  key: string;
  /** Engine answers by variant name ('' is the step's own document); empty while computing. */
  outcomes: Record<string, Outcome>;
  error: string | null;
}

export const lessonStore = createStore<LessonNumbersState>()(() => ({ key: '', outcomes: {}, error: null }));

export function useLessonNumbers<T>(selector: (s: LessonNumbersState) => T): T {
  return useStore(lessonStore, selector);
}

export const stepKey = (lesson: string | undefined, step: number | undefined): string => (lesson ? `${lesson}/${step ?? 1}` : '');

export function attachLessons(store: AppStore, client: EngineClient): () => void {
  let current: Job | null = null;
  let variants: string[] = [];
  const send = () => {
    const { doc } = store.getState();
    const key = stepKey(doc.view.lesson, doc.view.step);
    if (key === lessonStore.getState().key) return;
    const lessons = lessonsNow();
    if (!lessons && key) {
      void loadLessons().then(send, () => lessonStore.setState({ key, outcomes: {}, error: 'the lessons could not be loaded' }));
      return;
    }
    const open = lessons?.currentStep(doc);
    if (!open) {
      current = null;
      lessonStore.setState({ key: '', outcomes: {}, error: null });
      return;
    }
    const requests = lessons!.stepRequests(open.step);
    variants = requests.map((r) => r.variant);
    lessonStore.setState({ key, outcomes: {}, error: null });
    const job: Job = { items: requests.map(({ req, opts }) => ({ req, opts })), tag: key };
    current = job;
    client.run(LESSON_CHANNEL, job).catch(() => {});
  };
  const onEvent = (ev: ChannelEvent) => {
    if (ev.job !== current) return;
    const key = ev.job.tag as string;
    if (ev.type === 'error') {
      lessonStore.setState({ key, outcomes: {}, error: ev.error.message });
      return;
    }
    const outcomes: Record<string, Outcome> = {};
    ev.result.items.forEach((o, i) => { outcomes[variants[i]] = o; });
    lessonStore.setState({ key, outcomes, error: null });
  };
  const stopClient = client.subscribe(LESSON_CHANNEL, onEvent);
  const stopStore = store.subscribe((s, prev) => { if (s.doc.view !== prev.doc.view) send(); });
  send();
  return () => {
    stopClient();
    stopStore();
    current = null;
    lessonStore.setState({ key: '', outcomes: {}, error: null });
  };
}
