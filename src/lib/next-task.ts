/**
 * Runs `run` in the next task, without waiting for a frame. Through a MessageChannel: a chain of
 * `setTimeout(0)` is clamped to 4 ms a link after the fifth. Works in the page and in workers.
 */
export function nextMacrotask(run: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    run();
  };
  channel.port2.postMessage(null);
}
