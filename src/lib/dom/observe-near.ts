import type { Attachment } from 'svelte/attachments';

/**
 * Whether the element is near now: the newest of the entries an observer hands over at once.
 * Under load one callback can carry several changes of the same element, oldest first; reading
 * the first would leave a view waiting for a scroll that already happened.
 */
export function nearNow(entries: readonly Pick<IntersectionObserverEntry, 'isIntersecting'>[]) {
  return entries[entries.length - 1]?.isIntersecting ?? false;
}

/**
 * Reports whether an element is on or near the screen (within `margin`), for views that wait to
 * ask the worker, and to draw, until they are scrolled to.
 */
export function observeNear(set: (near: boolean) => void, margin = '300px'): Attachment {
  return (node) => {
    const observer = new IntersectionObserver((entries) => set(nearNow(entries)), {
      rootMargin: margin,
    });
    observer.observe(node);
    return () => observer.disconnect();
  };
}
