/**
 * Opening and closing a lesson step from the page. The lessons' content is loaded on demand
 * (src/lessons/load.ts): opening by id waits for it the first time.
 */
import type { Lesson } from '../../lessons/types';
import { loadLessons } from '../../lessons/load';
import { lessonsNow } from '../../lessons/registry';
import { appStore } from '../../state/useStore';

/** Opens step `index` of a loaded lesson, keeping what the teacher's link set around it (an undo step). */
export function openStep(lesson: Lesson, index: number): void {
  const { doc, loadDoc } = appStore.getState();
  const next = lessonsNow()!.stepDoc(lesson, index);
  const { hide, title, note } = doc.view;
  next.view = { ...next.view, hide, ...(title !== undefined ? { title } : {}), ...(note !== undefined ? { note } : {}) };
  loadDoc(next);
}

/** Opens step `index` of the lesson called `id`, once the content is there (at once when it is). */
export async function openLesson(id: string, index: number): Promise<void> {
  const lessons = lessonsNow() ?? await loadLessons();
  const lesson = lessons.findLesson(id);
  if (lesson) openStep(lesson, index);
}

export function closeLesson(): void {
  appStore.getState().setView({ lesson: undefined, step: undefined });
}
