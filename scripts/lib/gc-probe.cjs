/**
 * Loaded into the API by bench:ceiling (node --expose-gc --require …): SIGURG runs a full garbage
 * collection, so that /metrics then shows the heap that survives it, not garbage V8 has not yet
 * collected. SIGURG is otherwise ignored by Node; nothing else of the process changes.
 */
process.on('SIGURG', () => {
  if (typeof global.gc === 'function') global.gc();
});
