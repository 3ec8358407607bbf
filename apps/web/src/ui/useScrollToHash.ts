import { useEffect } from 'react';
import { useLocation } from 'react-router';

/** How often, and for how long at most, the target is put back in place while the page settles. */
const TICK_MS = 100;
const MAX_TICKS = 50;
/** Ticks in a row without movement after which the page counts as settled. */
const SETTLED_TICKS = 5;
/** What the reader does to scroll on their own: from then on the page is theirs. */
const READER_SCROLLS = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;

/**
 * Brings the element the address's #fragment names into view once the page has drawn it: the browser only does so
 * on a full load, before the data (and so the element) is there. The sections around it load their own data and can
 * grow after it is drawn, pushing it down: it is put back at the top until the page settles, for a few seconds at
 * most, and never once the reader scrolls.
 */
export function useScrollToHash(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    const id = decodeURIComponent(hash.slice(1));
    let ticks = 0;
    let still = 0;
    let lastTop: number | undefined;
    const stop = () => {
      window.clearInterval(timer);
      for (const type of READER_SCROLLS) window.removeEventListener(type, stop);
    };
    const keepInPlace = () => {
      ticks += 1;
      const element = document.getElementById(id);
      if (element !== null) {
        if (Math.abs(element.getBoundingClientRect().top) > 1) element.scrollIntoView({ block: 'start' });
        const top = element.getBoundingClientRect().top;
        still = lastTop !== undefined && Math.abs(top - lastTop) < 1 ? still + 1 : 0;
        lastTop = top;
      }
      if (still >= SETTLED_TICKS || ticks >= MAX_TICKS) stop();
    };
    const timer = window.setInterval(keepInPlace, TICK_MS);
    for (const type of READER_SCROLLS) window.addEventListener(type, stop, { passive: true });
    keepInPlace();
    return stop;
  }, [ready, hash]);
}
