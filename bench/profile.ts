/**
 * Where a process's CPU time went, from a V8 `.cpuprofile` (`node --cpu-prof`): self time by
 * module and the functions with the most self time.
 *
 *   npx tsx bench/profile.ts <file.cpuprofile> [top] [requests]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fixed, markdownTable } from './table.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A package name under node_modules, a node: module family, a project file, or a V8 bucket. */
export function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:internal/deps/undici')) return 'node:undici (fetch)';
  // Node's fetch parses HTTP answers with llhttp compiled to WebAssembly.
  if (url.startsWith('wasm://')) return 'node:undici (fetch), llhttp wasm';
  if (url.startsWith('node:internal/')) {
    const [family] = url.slice('node:internal/'.length).split('/');
    return `node:internal/${family ?? ''}`;
  }
  if (url.startsWith('node:')) return url;
  const path = url.replace(/^file:\/\//, '');
  const at = path.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const [scope, name] = path.slice(at + '/node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name ?? ''}` : (scope ?? path);
  }
  const project = /\/(dist|src|bench)\/(.*)$/.exec(path);
  return project ? `${project[1] ?? ''}/${project[2] ?? ''}` : path;
}

/** Node internals and V8 buckets work for whoever called them. */
const isOwner = (module: string) =>
  !module.startsWith('node:') && !module.startsWith('(') && !module.startsWith('wasm');

/**
 * Self time by the module whose code is innermost on the stack: node internals and native code
 * count for their caller (a socket write under the HTTP server's `res.end` counts for
 * `dist/server.js`, one under fetch for gaxios). Without such a caller (async continuations
 * started by the event loop), the innermost frame's own module.
 */
function ownerOf(
  id: number,
  byId: Map<number, ProfileNode>,
  parentOf: Map<number, number>,
  cache: Map<number, string | null>,
): string | null {
  const cached = cache.get(id);
  if (cached !== undefined) return cached;
  const frame = byId.get(id)?.callFrame;
  let owner: string | null = null;
  if (frame) {
    const module = moduleOf(frame.url, frame.functionName);
    const parent = parentOf.get(id);
    if (isOwner(module)) owner = module;
    else if (parent !== undefined) owner = ownerOf(parent, byId, parentOf, cache);
  }
  cache.set(id, owner);
  return owner;
}

/** `requests`: how many requests the process served while profiled, for a per-request figure. */
export function summariseProfile(file: string, top = 20, requests?: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const ownerCache = new Map<number, string | null>();
  const owners = new Map<string, number>();
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const modules = new Map<string, number>();
  const functions = new Map<string, { module: string; us: number }>();
  let busyUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const module = moduleOf(frame.url, frame.functionName);
    const owner = ownerOf(id, byId, parentOf, ownerCache) ?? `${module}, no package caller`;
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    modules.set(module, (modules.get(module) ?? 0) + us);
    const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
    const key = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`;
    const entry = functions.get(key) ?? { module, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const share = (us: number) => `${fixed((100 * us) / busyUs, 1)} %`;
  const ms = (us: number) => fixed(us / 1000, 0);
  const perRequest = (us: number) => (requests ? fixed(us / requests, 0) : '—');
  const byShare = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => [name, ms(us), share(us), perRequest(us)]);
  const functionRows = [...functions]
    .sort((a, b) => b[1].us - a[1].us)
    .slice(0, top)
    .map(([key, { module, us }]) => [key.trim(), module, ms(us), share(us)]);
  return [
    `Busy ${ms(busyUs)} ms, idle ${ms(idleUs)} ms` +
      (requests ? `, ${requests} requests: ${perRequest(busyUs)} µs busy per request` : '') +
      ' (self time; shares of busy time).',
    '',
    'By owner (the innermost package or project module on the stack; node internals and native',
    'code count for their caller; "no package caller": async continuations of that module):',
    '',
    markdownTable(['owner', 'self ms', 'share', 'µs/request'], byShare(owners), 'lrrr'),
    '',
    'By module (where the self time is spent):',
    '',
    markdownTable(['module', 'self ms', 'share', 'µs/request'], byShare(modules), 'lrrr'),
    '',
    markdownTable(['function', 'module', 'self ms', 'share'], functionRows, 'llrr'),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, top, requests] = process.argv.slice(2);
  if (file === undefined) {
    console.error('usage: tsx bench/profile.ts <file.cpuprofile> [top] [requests]');
    process.exit(2);
  }
  console.log(
    summariseProfile(
      file,
      top === undefined ? 20 : Number(top),
      requests === undefined ? undefined : Number(requests),
    ),
  );
}
