/** Imports the built-in lessons' content on demand (a separate chunk); the first call starts the download. */
import { lessonsNow, type LessonsApi } from './registry';

let loading: Promise<LessonsApi> | null = null;

export function loadLessons(): Promise<LessonsApi> {
  const now = lessonsNow();
  if (now) return Promise.resolve(now);
  loading ??= import('./index').then(() => lessonsNow()!, (e: unknown) => {
    loading = null; // a later call may try again (a dropped connection)
    throw e;
  });
  return loading;
}

/** True when a document's view names a lesson or a step (reading it needs the content). */
export function namesLesson(view: { lesson?: string; step?: number }): boolean {
  return view.lesson !== undefined || view.step !== undefined;
}
