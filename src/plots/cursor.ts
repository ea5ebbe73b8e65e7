/**
 * Keyboard access to what a chart shows on hover: the focused chart steps a cursor through its
 * points (bars, sweep points, time steps) and each chart shows the same tooltip and link as for
 * the pointer. Pure key handling, so it is tested without a DOM.
 */

export interface ChartCursor {
  /** How many positions the cursor steps through. */
  count: number;
  /** What one position is, for the accessible name ("sample", "gamma value"). */
  noun: string;
  /** Show position i (tooltip, hover link), as a pointer over it would. */
  show(i: number): void;
  /** Hide the tooltip and the link. */
  clear(): void;
  /** Enter on position i (e.g. select that sample). */
  activate?(i: number): void;
}

const PAGE = 10;

/**
 * The cursor position after a key: arrows step, PageUp/PageDown step by 10, Home/End jump;
 * the first step from no position lands on the first (or last) one. null clears (Escape);
 * undefined means the key is not the cursor's.
 */
export function stepCursor(at: number | null, key: string, count: number): number | null | undefined {
  if (count <= 0) return undefined;
  const last = count - 1;
  const clamp = (i: number) => Math.max(0, Math.min(last, i));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp': return at === null ? 0 : clamp(at + 1);
    case 'ArrowLeft':
    case 'ArrowDown': return at === null ? last : clamp(at - 1);
    case 'PageUp': return at === null ? 0 : clamp(at + PAGE);
    case 'PageDown': return at === null ? last : clamp(at - PAGE);
    case 'Home': return 0;
    case 'End': return last;
    case 'Escape': return null;
    default: return undefined;
  }
}
