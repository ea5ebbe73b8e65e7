/**
 * The engine result the panels show. While a newer document is being computed, the last result
 * stays on screen marked stale (so numbers do not flicker away on every keystroke); an error for
 * the current document replaces it.
 */
import type { EngineResult } from '../../engine/types';
import { useStore } from '../../state/useStore';

export interface ShownResult {
  result: EngineResult | null;
  /** True while the shown result belongs to an older document. */
  stale: boolean;
}

export function useShownResult(): ShownResult {
  const main = useStore((s) => s.results.main);
  const fresh = useStore((s) => s.results.forDocRevision === s.revision);
  const status = useStore((s) => s.results.status);
  if (status === 'error' && fresh) return { result: null, stale: false };
  return { result: main, stale: !fresh || status === 'pending' };
}
