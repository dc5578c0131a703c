// @ts-check
/**
 * `npm run build`: the gateway as one ES module, dist/main.js, with its dependencies bundled, so
 * that start-up reads one file instead of resolving and compiling some 1,500 modules
 * (docs/performance.md). Code that only some modes need (Redis) stays in chunks of its own,
 * loaded when used. The People API emulator is never bundled: src/main.ts loads it by name, in
 * embedded mode only, from node_modules.
 *
 *   node scripts/build.js [outdir]   (default dist)
 */
import { rmSync } from 'node:fs';
import process from 'node:process';
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Whitespace and syntax only: names stay readable in stack traces (about 5 MB less RSS).
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['people-emulator'],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
