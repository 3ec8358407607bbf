import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of an element in whole pixels, kept up to date: the charts are drawn for the room they have (a phone
 * gets horizontal bars), and an SVG drawn at its real size keeps its text at its real size.
 */
export function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    setWidth(Math.floor(element.clientWidth));
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box !== undefined) setWidth(Math.floor(box.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
