/**
 * Whether an element is on or near the screen (within half a screen height), so a page of many
 * large grids (a metric with 64 updates) draws the cells of those a person can see, not all of
 * them. An element holding the focus counts as near, so scrolling away never drops the cell
 * being edited. Without IntersectionObserver (tests, old browsers) everything is near.
 */
import { useEffect, useState, type RefObject } from 'react';

export function useNearScreen(ref: RefObject<HTMLElement | null>, enabled: boolean): [boolean, () => void] {
  const observable = typeof IntersectionObserver !== 'undefined';
  const [near, setNear] = useState(!enabled || !observable);
  useEffect(() => {
    const el = ref.current;
    if (!enabled || !observable || !el) {
      setNear(true);
      return;
    }
    const io = new IntersectionObserver(([e]) => setNear(e.isIntersecting || el.contains(document.activeElement)), { rootMargin: '50% 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, enabled, observable]);
  return [near, () => setNear(true)];
}
