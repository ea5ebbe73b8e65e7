/**
 * The engine result the panels show. While a newer document is being computed, the last result
 * stays on screen marked stale (so numbers do not flicker away on every keystroke); an error for
 * the current document replaces it.
 */
import type { EngineResult } from '../../engine/types';
import { isFresh } from '../../state/jobs/viewJob';
import { useStore } from '../../state/useStore';

export interface ShownResult {
  result: EngineResult | null;
  /** True while the shown result belongs to an older document. */
  stale: boolean;
}

export function useShownResult(): ShownResult {
  const main = useStore((s) => s.results.main);
  const fresh = useStore((s) => isFresh(s.results, s.revision));
  const failed = useStore((s) => s.results.status === 'error');
  if (failed && fresh) return { result: null, stale: false };
  return { result: main, stale: !fresh };
}
