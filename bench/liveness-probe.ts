import { serveThread, threadData } from './thread.js';

// The prober, on its own thread as a kubelet would be in its own process: its timer and clock
// keep running while the API's event loop is busy, so a stalled answer is measured in full.
const { url, everyMs } = threadData<{ url: string; everyMs: number }>();
const latencies: number[] = [];
let failures = 0;
let timer: NodeJS.Timeout | null = null;

async function probe(): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/api/health/live`);
    await response.arrayBuffer();
    if (response.ok) latencies.push(performance.now() - started);
    else failures += 1;
  } catch {
    failures += 1;
  }
}

serveThread({
  start: () => {
    latencies.length = 0;
    failures = 0;
    // Probes do not wait for each other: a stalled API gets several outstanding, as with a kubelet.
    timer = setInterval(() => void probe(), everyMs);
  },
  stop: async () => {
    if (timer) clearInterval(timer);
    timer = null;
    // The probes still out are answered once the API's loop frees up; wait for them to be counted.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return { latencies: [...latencies], failures };
  },
});
