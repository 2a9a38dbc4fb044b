import type { Attachment } from 'svelte/attachments';

/**
 * Reports whether an element is on or near the screen (within `margin`), for views that wait to
 * ask the worker, and to draw, until they are scrolled to.
 */
export function observeNear(set: (near: boolean) => void, margin = '300px'): Attachment {
  return (node) => {
    const observer = new IntersectionObserver(([entry]) => set(entry.isIntersecting), {
      rootMargin: margin,
    });
    observer.observe(node);
    return () => observer.disconnect();
  };
}
