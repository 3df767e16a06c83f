/**
 * Loads a language's calendar data while a signed-in page waits for its data, off the page's thread: a worker
 * makes the date formatters the first screen renders with. The first formatter of a language costs tens of
 * milliseconds (ICU loads the locale's data into caches the whole page process shares); made in the worker,
 * the page's own formatters then cost well under a millisecond each, instead of one long task on the page.
 */
export function warmDateFormats(locale: string): void {
  const worker = new Worker(new URL('./dateFormats.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = () => worker.terminate();
  worker.onerror = () => worker.terminate();
  worker.postMessage(locale);
}
