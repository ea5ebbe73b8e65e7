/** React side of stickyDomain: a fixed domain per chart key, with a Rescale action. */
import { useCallback, useRef, useState } from 'react';
import { contains, stickyDomain, type Domain, type Sticky } from './domains';

export interface StickyDomain {
  domain: Domain;
  /** The data no longer fits the fixed axes. */
  outside: boolean;
  rescale(): void;
}

/**
 * `ready` is false while the chart has no data yet (a job still computing): the domain is not
 * fixed until the first real data arrives, so the axes follow it instead of a placeholder.
 */
export function useStickyDomain(key: string, computed: Domain, ready = true): StickyDomain {
  const ref = useRef<Sticky | null>(null);
  const [, bump] = useState(0);
  if (ready) ref.current = stickyDomain(ref.current, key, computed);
  const rescale = useCallback(() => {
    ref.current = null;
    bump((n) => n + 1);
  }, []);
  if (!ready || !ref.current) return { domain: computed, outside: false, rescale };
  return { domain: ref.current.domain, outside: !contains(ref.current.domain, computed), rescale };
}
