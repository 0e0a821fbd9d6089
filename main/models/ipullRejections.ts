/**
 * ipull 3.9.5 (node-llama-cpp's downloader) leaves one derived promise unhandled each time a
 * connection's retries run out mid-download (`retry-async-statement.js` chains `.then` without a
 * rejection handler). The same error object has already been reported through the fetch stream's
 * `errorCountIncreased` event and fails the download's own promise, so that duplicate is dropped
 * here instead of crashing the process. Every other unhandled rejection keeps Node's behaviour.
 */
const reportedErrors = new WeakSet<object>();
let installed = false;

/** Marks an error that ipull has reported; installs the filter on first use. */
export function noteIpullError(error: unknown): void {
  if (error !== null && typeof error === 'object') reportedErrors.add(error);
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', onUnhandledRejection);
}

function onUnhandledRejection(reason: unknown): void {
  if (reason !== null && typeof reason === 'object' && reportedErrors.has(reason)) return;
  // With another listener present, that listener decides; alone, do what Node does without one.
  if (process.listenerCount('unhandledRejection') > 1) return;
  throw reason;
}
