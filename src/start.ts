/**
 * The production entry, `node dist/main.js`: runs the bundled gateway (`dist/gateway.cjs`, one
 * CommonJS module body that the build wrapped in its function: scripts/build.js) from V8's code
 * cache (`dist/gateway.cjs.cache`), which the build wrote once the gateway had started
 * (scripts/codeCache.js). With it V8 neither parses the 2.1 MB script nor compiles what start-up
 * runs (docs/performance.md: 40-90 ms of a 400-500 ms start on the bench's machine). Node 20 has
 * no compile cache of its own (`module.enableCompileCache` is Node 22), hence `vm.Script` and its
 * `cachedData`, as the v8-compile-cache package does.
 *
 * V8 refuses a cache made by another V8 version or with other flags (`--cpu-prof`, or
 * `NODE_OPTIONS=--max-old-space-size=…` when the build was not given the same flags in
 * `GATEWAY_NODE_OPTIONS`: scripts/codeCache.js): the script is then compiled from its source,
 * which starts about 50 ms slower than the split ES modules this replaced (docs/performance.md).
 *
 * GATEWAY_CODE_CACHE: unset uses the cache; `off` ignores it; `report` says on stderr whether V8
 * took it; `write` (the build) writes a fresh one on SIGUSR2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

// Built as CommonJS (scripts/build.js): no `import.meta`.
const here = __dirname;
const bundle = join(here, 'gateway.cjs');
const cacheFile = `${bundle}.cache`;
const mode = process.env['GATEWAY_CODE_CACHE'];

function readCache(): Buffer | undefined {
  if (mode === 'off' || mode === 'write') return undefined;
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

const cachedData = readCache();
// The file is one function expression in ASCII (the build wraps and checks it): compiled as
// read, so line and column in stack traces are the file's, which its source map describes.
const script = new Script(readFileSync(bundle, 'latin1'), {
  filename: bundle,
  ...(cachedData ? { cachedData } : {}),
});

if (mode === 'report') {
  const state = cachedData ? (script.cachedDataRejected ? 'rejected' : 'accepted') : 'absent';
  process.stderr.write(`code cache: ${state}\n`);
}
if (mode === 'write') {
  process.on('SIGUSR2', () => {
    // Where dist/ is read-only (the image runs as another user than built it), say so and run on.
    try {
      writeFileSync(cacheFile, script.createCachedData());
      process.stderr.write(`code cache written: ${cacheFile}\n`);
    } catch (error) {
      process.stderr.write(`code cache not written: ${String(error)}\n`);
    }
  });
}

/** The bundle's parameters: CommonJS's, and `import()` (src/main.ts), which vm gives no loader. */
type Wrapper = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
  gatewayImport: (specifier: string) => Promise<unknown>,
) => void;

const module = { exports: {} };
(script.runInThisContext() as Wrapper)(
  module.exports,
  createRequire(bundle),
  module,
  bundle,
  here,
  (specifier) => import(specifier),
);
