/**
 * How the API process is started to keep its resident memory low; bin/skytwin-dev applies these
 * where it spawns the API, and docker-compose.yml sets the same two in the api service's
 * environment (test/compose.test.ts holds them equal). Measured with bench/memory (README.md).
 *
 * --max-semi-space-size=2: V8's young generation grows to 16 MB per semi-space by default, twice
 * over (from and to), in every isolate: the API's own and the embedded database's worker thread.
 * Capped at 2 MB, most objects still die young; the idle API keeps about 25 MB less.
 *
 * MALLOC_TRIM_THRESHOLD_: glibc keeps memory that was freed (V8's compiler zones, the buffers of
 * PGlite's start-up) in its arenas rather than returning it; with a fixed threshold of 128 KB it
 * returns it, and setting it also stops glibc from raising its mmap threshold, so large buffers
 * are mapped and unmapped on their own. Read once by glibc at start: it has to be in the
 * environment the process starts with.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

export const API_MEMORY_ENV: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: '131072' };
