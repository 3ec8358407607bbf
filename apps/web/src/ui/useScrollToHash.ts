import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * Brings the element the address's #fragment names into view once the page has drawn it: the browser only does so
 * on a full load, before the data (and so the element) is there.
 */
export function useScrollToHash(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: 'start' });
  }, [ready, hash]);
}
