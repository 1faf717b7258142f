'use strict';
/**
 * Runs a server entry point (CommonJS or ESM) in this process and answers the bench's IPC
 * requests with this process's own CPU time and memory, after a full GC when asked
 * (start with --expose-gc). process.cpuUsage() covers every thread, worker threads included.
 */
const { resolve } = require('node:path');
const { pathToFileURL } = require('node:url');

const { monitorEventLoopDelay } = require('node:perf_hooks');

const entry = resolve(process.argv[2] ?? '');
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

process.on('message', (message) => {
  if (!message || message.type !== 'stats') return;
  if (message.gc && typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
  const memory = process.memoryUsage();
  // Event-loop delay since the previous request (ms).
  const loop = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  loopDelay.reset();
  process.send?.({ type: 'stats', id: message.id, cpu: process.cpuUsage(), memory, loop });
});
// The IPC channel must not keep a server alive once it decided to exit.
process.channel?.unref?.();

if (entry.endsWith('.mjs')) {
  import(pathToFileURL(entry).href).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  require(entry);
}
