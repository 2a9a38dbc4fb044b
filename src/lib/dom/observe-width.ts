import type { Attachment } from 'svelte/attachments';

/**
 * Reports an element's clientWidth whenever it changes, from a ResizeObserver. Unlike
 * `bind:clientWidth`, it never reads layout while Svelte is still building the page: the binding
 * reads the width once at mount, which forces a synchronous layout of everything created in the
 * same update (tens of milliseconds when a drop first fills every view).
 */
export function observeWidth(set: (width: number) => void): Attachment {
  return (node) => {
    const observer = new ResizeObserver(() => set((node as HTMLElement).clientWidth));
    observer.observe(node);
    return () => observer.disconnect();
  };
}
