/** Responsive width: the container's width via ResizeObserver (a fixed default where there is none, e.g. jsdom). */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { DEFAULT_WIDTH, MIN_WIDTH } from './theme';

export function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const apply = (w: number) => { if (w > 0) setWidth(Math.max(MIN_WIDTH, Math.floor(w))); };
    apply(el.getBoundingClientRect().width);
    const ro = new ResizeObserver((entries) => apply(entries[0].contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}
