// @ts-check
/**
 * `npm run build`: the gateway as one CommonJS script, dist/gateway.cjs, with its dependencies
 * bundled, so that start-up reads one file instead of resolving and compiling some 1,500 modules;
 * dist/main.js (src/start.ts) runs it from the V8 code cache that scripts/codeCache.js writes
 * once the built gateway has started (docs/performance.md). The People API emulator is never
 * bundled: src/main.ts loads it by name, in embedded mode only, from node_modules.
 *
 *   node scripts/build.js [outdir]   (default dist)
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { build } from 'esbuild';
import { writeCodeCache } from './codeCache.js';

const outdir = process.argv[2] ?? 'dist';

const graphqlRoot = dirname(createRequire(import.meta.url).resolve('graphql/package.json'));

/**
 * graphql, and every path inside it, from its ES module files (`.mjs`, shipped beside each
 * CommonJS file). Its CommonJS build would be wrapped once per module that imports it (66 copies
 * of its ~400 exports, about 30 ms of start-up), and a mix of the two builds would give two
 * GraphQLError classes that fail each other's \`instanceof\` (checked after the build).
 */
const graphqlAsEsModules = {
  name: 'graphql-as-es-modules',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /^graphql(\/.*)?$/ }, (args) => {
      const inside = args.path.slice('graphql'.length).replace(/^\//, '').replace(/\.js$/, '');
      const file = join(graphqlRoot, inside);
      const path = existsSync(`${file}.mjs`) ? `${file}.mjs` : join(file, 'index.mjs');
      if (!existsSync(path)) return { errors: [{ text: `no ES module for ${args.path}` }] };
      return { path };
    });
  },
};
/**
 * Apollo's `createHash` (the query hash of every request, APQ) takes Node's crypto only when
 * `module.require` exists, which esbuild's CommonJS wrapper does not give: bundled as is, every
 * request hashed its document with `sha.js`, SHA-256 in JavaScript. The bundle gets the Node
 * branch alone.
 */
const apolloCreateHashOnNode = {
  name: 'apollo-create-hash-on-node',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onLoad({ filter: /[\\/]@apollo[\\/]utils\.createhash[\\/]dist[\\/]index\.js$/ }, () => ({
      contents:
        "'use strict';\nconst { createHash } = require('node:crypto');\nexports.createHash = (kind) => createHash(kind);\n",
      loader: 'js',
    }));
  },
};
/**
 * Modules the bundle holds a stand-in for: code that runs only on an option the gateway never
 * sets, yet is loaded with the module that holds it. Each stand-in refuses the call that would
 * need the real one.
 */
const STAND_INS = [
  {
    // googleapis' HTTP/2 path, taken only for a call with `http2: true`, which the gateway never
    // makes: its module loads Node's `http2` at start (about 4 ms here).
    filter: /[\\/]googleapis-common[\\/]build[\\/]src[\\/]http2\.js$/,
    contents: [
      'exports.sessions = {};',
      "exports.request = () => Promise.reject(new Error('googleapis over HTTP/2 is not in this build (scripts/build.js)'));",
      'exports.closeSession = () => Promise.resolve();',
    ],
  },
  {
    // graphql-jit's JSON serialiser, used only with its `customJSONSerializer` option, which
    // src/http/execution.ts never passes: fast-json-stringify brings ajv, about 500 KB of the
    // bundle, loaded with graphql-jit when the first document repeats.
    filter: /[\\/]node_modules[\\/]fast-json-stringify[\\/]index\.js$/,
    contents: [
      "module.exports = () => { throw new Error('fast-json-stringify is not in this build (scripts/build.js)'); };",
    ],
  },
];
const standIns = {
  name: 'stand-ins',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    for (const { filter, contents } of STAND_INS) {
      build.onLoad({ filter }, () => ({
        contents: ["'use strict';", ...contents, ''].join('\n'),
        loader: 'js',
      }));
    }
  },
};
/**
 * The parameters of the function the bundle is: CommonJS's own (src/start.ts passes them), and
 * `import()`, which a script run by `node:vm` has no loader for.
 */
const WRAPPER_PARAMS = 'exports, require, module, __filename, __dirname, gatewayImport';

rmSync(outdir, { recursive: true, force: true });
// The gateway: one CommonJS module body, wrapped in its function by the build rather than at
// start (V8 compiles the file as read, without first copying it into a joined string), all ASCII
// (read as latin1, which is a copy, where UTF-8 is a decode: 35 -> 23 ms here), which
// src/start.ts runs from V8's code cache (below). Licence comments go to gateway.cjs.LEGAL.txt.
await build({
  entryPoints: ['src/main.ts'],
  outfile: join(outdir, 'gateway.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Whitespace and syntax only: names stay readable in stack traces (about 5 MB less RSS).
  minifyWhitespace: true,
  minifySyntax: true,
  // Read from node_modules when used, not with every start: Redis's client (REDIS_URL only) and
  // the protobuf of Apollo's usage reports and inline traces (both off: src/http/apollo.ts).
  external: ['people-emulator', 'ioredis', '@apollo/usage-reporting-protobuf'],
  plugins: [graphqlAsEsModules, apolloCreateHashOnNode, standIns],
  banner: { js: `(function (${WRAPPER_PARAMS}) {` },
  footer: { js: '})' },
  charset: 'ascii',
  legalComments: 'external',
  logLevel: 'warning',
});
// dist/main.js, the entry the image runs: CommonJS (dist/package.json says so), which node
// starts about 15 ms sooner than an ES module (its ESM loader is never set up).
await build({
  entryPoints: ['src/start.ts'],
  outfile: join(outdir, 'main.js'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});

writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

/** Each script of the build by name, read once for the checks below. */
const scripts = new Map(
  readdirSync(outdir)
    .filter((file) => /\.c?js$/.test(file))
    .map((file) => [file, readFileSync(join(outdir, file), 'utf8')]),
);
const jsSha256 = [...scripts]
  .filter(([, text]) => text.includes('node_modules/sha.js/'))
  .map(([file]) => file);
if (jsSha256.length > 0) {
  throw new Error(`the bundle hashes with sha.js (JavaScript SHA-256): ${jsSha256.join(', ')}`);
}

const gateway = scripts.get('gateway.cjs') ?? '';
if (/require\(["'](node:)?http2["']\)/.test(gateway)) {
  throw new Error("the bundle loads Node's http2, which the gateway never uses");
}
if (gateway.includes('node_modules/ajv/')) {
  throw new Error('the bundle holds ajv (fast-json-stringify), which the gateway never uses');
}
// src/start.ts reads the bundle as latin1 and runs it as that function.
if (!gateway.startsWith(`(function (${WRAPPER_PARAMS}) {`) || /[^ -~\t\n\r]/.test(gateway)) {
  throw new Error(
    'dist/gateway.cjs is not one ASCII function of the parameters src/start.ts passes',
  );
}

const graphqlErrorClasses = [...scripts.values()]
  .map((text) => text.match(/class _*GraphQLError\d* extends Error/g)?.length ?? 0)
  .reduce((sum, n) => sum + n, 0);
if (graphqlErrorClasses !== 1) {
  throw new Error(
    `the bundle holds ${graphqlErrorClasses} copies of graphql's GraphQLError, not 1`,
  );
}

await writeCodeCache(outdir);
