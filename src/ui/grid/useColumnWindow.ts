/**
 * The columns a wide table draws: those scrolled into view in its scroller (plus a margin),
 * recomputed on scroll and resize; the same columns while they still cover the view, so most
 * scroll events render nothing. `reveal` brings a column into the drawn set (keyboard moves).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AxisWindow } from './layout';
import { columnWindow, FALLBACK_VIEW_PX, visibleColumns } from './windowing';

export interface ColumnWindow {
  /** Columns to draw, or null when the table draws all of them. */
  cols: AxisWindow | null;
  onScroll?: () => void;
  reveal(c: number): void;
}

/** `scroller` is the element (from a callback ref): a table drawn later (off screen at first) still gets measured. */
export function useColumnWindow(scroller: HTMLElement | null, count: number, wide: boolean): ColumnWindow {
  const [drawn, setDrawn] = useState<AxisWindow>(() => columnWindow(null, visibleColumns(0, FALLBACK_VIEW_PX, count), count));
  const update = useCallback(() => {
    const el = scroller;
    if (!el) return;
    const visible = visibleColumns(el.scrollLeft, el.clientWidth || FALLBACK_VIEW_PX, count);
    setDrawn((d) => columnWindow(d, visible, count));
  }, [scroller, count]);
  // After the browser has laid the page out (reading the width inside the commit would force the
  // first layout of the whole page into the same task), and whenever the column count or the width changes.
  useEffect(() => {
    const el = scroller;
    if (!wide || !el) return;
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => update());
    ro.observe(el);
    return () => ro.disconnect();
  }, [scroller, wide, update]);
  const reveal = useCallback((c: number) => setDrawn((d) => columnWindow(d, { start: c, end: c + 1 }, count)), [count]);
  const cols = wide ? { start: Math.min(drawn.start, count), end: Math.min(drawn.end, count) } : null;
  return { cols, onScroll: wide ? update : undefined, reveal };
}
