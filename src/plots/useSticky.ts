/** React side of stickyDomain: a fixed domain per chart key, with a Rescale action. */
import { useCallback, useRef, useState } from 'react';
import { contains, stickyDomain, type Domain, type Sticky } from './domains';

export interface StickyDomain {
  domain: Domain;
  /** The data no longer fits the fixed axes. */
  outside: boolean;
  rescale(): void;
}

export function useStickyDomain(key: string, computed: Domain): StickyDomain {
  const ref = useRef<Sticky | null>(null);
  const [, bump] = useState(0);
  ref.current = stickyDomain(ref.current, key, computed);
  const rescale = useCallback(() => {
    ref.current = null;
    bump((n) => n + 1);
  }, []);
  return { domain: ref.current.domain, outside: !contains(ref.current.domain, computed), rescale };
}
