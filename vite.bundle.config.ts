import { rmSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// `skytwin` (dist/cli/main.js) bundled with its dependencies into a few files, one chunk per
// command: loading the API's ~850 ES modules one by one was the longest path of a restart. It runs
// after tsc, which still emits every file into dist/ (bin/skytwin-dev, the PGlite thread and tests
// load those), and overwrites tsc's dist/cli/main.js.
const root = import.meta.dirname;
const src = join(root, 'src');
const dist = join(root, 'dist');
const chunks = 'cli/chunks';

/**
 * A bundled module's `import.meta.url` is the URL of its file in tsc's layout (dist/store/x.js),
 * not the chunk's, so what a module finds relative to itself (the PGlite thread's entry,
 * dist/web) is found from the bundle too.
 */
function compiledImportMetaUrl(): Plugin {
  return {
    name: 'skytwin:compiled-import-meta-url',
    resolveImportMeta(property, { chunkId, moduleId }) {
      if (property !== 'url' || !moduleId.startsWith(src + sep)) return null;
      const compiled = join(dist, relative(src, moduleId)).replace(/\.ts$/, '.js');
      const fromChunk = relative(dirname(join(dist, chunkId)), compiled).split(sep).join(posix.sep);
      return `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`;
    },
  };
}

/** The chunks are named by their content's hash: the last build's would stay beside the new ones. */
function removeOldChunks(): Plugin {
  return {
    name: 'skytwin:remove-old-chunks',
    buildStart() {
      rmSync(join(dist, chunks), { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  root,
  logLevel: 'warn',
  plugins: [removeOldChunks(), compiledImportMetaUrl()],
  // PGlite finds its .wasm and .data files relative to its own package.
  ssr: { target: 'node', noExternal: true, external: ['@electric-sql/pglite'] },
  build: {
    ssr: true,
    target: 'node20',
    outDir: dist,
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: { 'cli/main': join(src, 'cli', 'main.ts') },
      external: [/^@electric-sql\/pglite(\/|$)/],
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: `${chunks}/[name]-[hash].js`,
        // CommonJS the bundler leaves as it was still finds `require`: fastify reads require.cache,
        // and optional packages (pg-native, pg-cloudflare) are required in try blocks.
        banner: "import { createRequire as __skytwinRequire } from 'node:module'; const require = __skytwinRequire(import.meta.url);",
      },
    },
  },
});
