import { readFileSync } from 'node:fs';

// Reads a V8 CPU profile of the API's thread (node --cpu-prof) and prints what holds its event
// loop: every stretch of samples with no idle sample between them is one task; the tasks longer
// than the threshold are summed by what they were doing (by the first matching frame of each
// sample's stack), and their heaviest functions listed. A sample that comes much later than the
// sampling interval means the thread (or the sampler) was off the CPU: that part of its time is
// counted apart, as waiting for a CPU, not charged to the code it interrupted. Ingest's own turns
// of the loop (setImmediate) leave no idle sample, so a "task" here may span several turns; the
// event-loop delay bench/liveness prints is the measure of turns.
//
//   BENCH_PLACEMENTS=thread node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/run.ts liveness
//   node --import tsx bench/liveness-profile.ts /tmp/prof/CPU.<…>.cpuprofile [threshold ms, default 20]

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A sample arriving more than this many times the median interval late: the rest of its time is off the CPU. */
const LATE = 4;

/** What a sample was doing, by the frames of its stack: the first category with a matching frame wins. */
const CATEGORIES: readonly { name: string; matches: (frame: CallFrame) => boolean }[] = [
  { name: 'garbage collection', matches: (f) => f.functionName === '(garbage collector)' },
  { name: 'decide() (src/domain)', matches: (f) => f.url.includes('/src/domain/') },
  { name: 'request body: JSON.parse', matches: (f) => f.url.includes('secure-json-parse') || (f.functionName === 'parse' && f.url === '') },
  { name: 'request validation (TypeBox/ajv)', matches: (f) => f.url.includes('/ajv/') || f.url.includes('typebox') || f.url.includes('/src/contract/') || /validate/i.test(f.functionName) },
  { name: 'response serialisation', matches: (f) => f.url.includes('fast-json-stringify') || f.functionName === 'stringify' || f.functionName === 'serialize' && f.url.includes('fastify') },
  { name: 'pg-protocol: serialise messages', matches: (f) => f.url.includes('pg-protocol') && f.url.includes('serializer') },
  { name: 'pg-protocol: parse answers', matches: (f) => f.url.includes('pg-protocol') && f.url.includes('parser') },
  { name: 'pg: query objects, result rows', matches: (f) => f.url.includes('/node_modules/pg/') || f.url.includes('pg-types') || f.url.includes('postgres-') },
  { name: 'to/from the database thread', matches: (f) => f.url.includes('pglite-connection') || f.url.includes('pglite-thread') },
  { name: 'PGlite in process (WASM)', matches: (f) => f.url.includes('@electric-sql/pglite') || f.url.startsWith('wasm://') },
  { name: 'kysely: build and compile SQL', matches: (f) => f.url.includes('/kysely/') },
  { name: 'store: rows and parameters (src/store)', matches: (f) => f.url.includes('/src/store/') },
  { name: 'services (src/services)', matches: (f) => f.url.includes('/src/services/') },
  { name: 'fastify, http', matches: (f) => f.url.includes('fastify') || f.url.includes('find-my-way') || f.url.includes('avvio') || f.url.startsWith('node:_http') || f.url.startsWith('node:net') },
  { name: 'logging', matches: (f) => f.url.includes('pino') },
  { name: 'benchmark harness (bench/)', matches: (f) => f.url.includes('/bench/') },
  { name: 'worker messages (structured clone)', matches: (f) => f.url.startsWith('node:internal/worker') || f.functionName === 'postMessage' },
  { name: 'native, unattributed', matches: (f) => f.functionName === '(program)' },
];

const IDLE = '(idle)';

function analyse(profile: Profile, thresholdMs: number, out: (line: string) => void): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = (id: number): CallFrame[] => {
    const frames: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) frames.push(node.callFrame);
    }
    return frames;
  };
  const categoryCache = new Map<number, string>();
  const categoryOf = (id: number): string => {
    const cached = categoryCache.get(id);
    if (cached) return cached;
    const stack = stackOf(id);
    const found = CATEGORIES.find((category) => stack.some((frame) => category.matches(frame)))?.name ?? 'other';
    categoryCache.set(id, found);
    return found;
  };

  // Sample i lasts until sample i+1: its duration is the next delta.
  const tasks: { start: number; end: number; samples: number[] }[] = [];
  let time = 0;
  let current: { start: number; end: number; samples: number[] } | null = null;
  let busy = 0;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    const id = profile.samples[i] as number;
    const duration = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    total += duration;
    const idle = byId.get(id)?.callFrame.functionName === IDLE;
    if (idle) {
      if (current) tasks.push(current);
      current = null;
      continue;
    }
    busy += duration;
    current ??= { start: time / 1000, end: time / 1000, samples: [] };
    current.end = time / 1000 + duration;
    current.samples.push(i);
  }
  if (current) tasks.push(current);

  const sortedDeltas = profile.timeDeltas.filter((d) => d > 0).sort((a, b) => a - b);
  const intervalMs = (sortedDeltas[Math.floor(sortedDeltas.length / 2)] ?? 250) / 1000;
  const long = tasks.filter((task) => task.end - task.start > thresholdMs);
  const lengths = long.map((task) => task.end - task.start).sort((a, b) => b - a);
  const longTotal = lengths.reduce((sum, l) => sum + l, 0);
  out(`profile: ${(total / 1000).toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s (${((100 * busy) / total).toFixed(0)} %), ${tasks.length} tasks`);
  out(`tasks over ${thresholdMs} ms: ${long.length}, ${(longTotal / 1000).toFixed(2)} s in all; longest ${lengths.slice(0, 8).map((l) => l.toFixed(0)).join(', ')} ms`);
  if (long.length === 0) return;

  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const OFF_CPU = `off the CPU (samples over ${LATE}× the ${intervalMs.toFixed(2)} ms interval late)`;
  for (const task of long) {
    for (const i of task.samples) {
      const id = profile.samples[i] as number;
      let duration = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      if (duration > LATE * intervalMs) {
        byCategory.set(OFF_CPU, (byCategory.get(OFF_CPU) ?? 0) + duration - intervalMs);
        duration = intervalMs;
      }
      const category = categoryOf(id);
      byCategory.set(category, (byCategory.get(category) ?? 0) + duration);
      const frame = byId.get(id)?.callFrame;
      const name = frame ? `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '?';
      byFunction.set(name, (byFunction.get(name) ?? 0) + duration);
    }
  }
  out('');
  out(`time inside the long tasks, by what it was doing (share of ${(longTotal / 1000).toFixed(2)} s):`);
  for (const [name, spent] of [...byCategory].sort((a, b) => b[1] - a[1])) {
    out(`  ${((100 * spent) / longTotal).toFixed(1).padStart(5)} %  ${spent.toFixed(0).padStart(6)} ms  ${name}`);
  }
  out('');
  out('heaviest functions (self time) inside the long tasks:');
  for (const [name, spent] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    out(`  ${((100 * spent) / longTotal).toFixed(1).padStart(5)} %  ${name}`);
  }
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const source = url.search(/\/(src|bench)\//);
  return source >= 0 ? url.slice(source + 1) : url;
}

const [path, threshold] = process.argv.slice(2);
if (!path) {
  process.stderr.write('usage: node --import tsx bench/liveness-profile.ts <file.cpuprofile> [threshold ms]\n');
  process.exit(2);
}
analyse(JSON.parse(readFileSync(path, 'utf8')) as Profile, Number(threshold ?? 20), (line) => process.stdout.write(`${line}\n`));
