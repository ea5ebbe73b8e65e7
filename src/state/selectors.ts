/** Selectors for components (pass to useStore). Narrow on purpose: a component re-renders only for its slice. */
import type { EngineResult } from '../engine/types';
import { isFresh } from './jobs/viewJob';
import type { AppState } from './types';

export const selectDoc = (s: AppState) => s.doc;
export const selectCanUndo = (s: AppState) => s.history.past.length > 0;
export const selectCanRedo = (s: AppState) => s.history.future.length > 0;
export const selectConfigValue = (key: string) => (s: AppState): unknown => s.doc.config[key];
export const selectDraft = (key: string) => (s: AppState): string | undefined => s.drafts[key];

/** The result for the doc on screen, or null while it is being computed (never an older doc's numbers). */
export const selectFreshResult = (s: AppState): EngineResult | null =>
  isFresh(s.results, s.revision) && s.results.status === 'ok' ? s.results.main : null;

/** The error for the doc on screen, if its computation failed. */
export const selectFreshError = (s: AppState) =>
  isFresh(s.results, s.revision) && s.results.status === 'error' ? s.results.error : null;

/** The current link is too long to paste into a chat: offer the JSON download (docToJson). */
export const selectLinkTooLong = (s: AppState) => s.link.tooLong;
export const selectLinkErrors = (s: AppState) => s.link.errors;
