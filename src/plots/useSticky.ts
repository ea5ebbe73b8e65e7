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
 * `ready` is false while the chart's data is not yet the data for this key (a job still computing,
 * a result for the previous edit): nothing is fixed from it. Before any real data the axes follow
 * what there is; after that they keep the last fixed domain until the new key's data arrives.
 */
export function useStickyDomain(key: string, computed: Domain, ready = true): StickyDomain {
  const ref = useRef<Sticky | null>(null);
  const [, bump] = useState(0);
  if (ready) ref.current = stickyDomain(ref.current, key, computed);
  const rescale = useCallback(() => {
    ref.current = null;
    bump((n) => n + 1);
  }, []);
  if (!ref.current) return { domain: computed, outside: false, rescale };
  return { domain: ref.current.domain, outside: ready && !contains(ref.current.domain, computed), rescale };
}
