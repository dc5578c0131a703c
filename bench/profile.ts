/**
 * Where a process's CPU time went, from a V8 `.cpuprofile` (`node --cpu-prof`): self time by
 * module and the functions with the most self time.
 *
 *   npx tsx bench/profile.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fixed, markdownTable } from './table.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
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

export function summariseProfile(file: string, top = 20): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
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
    modules.set(module, (modules.get(module) ?? 0) + us);
    const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
    const key = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`;
    const entry = functions.get(key) ?? { module, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const share = (us: number) => `${fixed((100 * us) / busyUs, 1)} %`;
  const ms = (us: number) => fixed(us / 1000, 0);
  const moduleRows = [...modules]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([module, us]) => [module, ms(us), share(us)]);
  const functionRows = [...functions]
    .sort((a, b) => b[1].us - a[1].us)
    .slice(0, top)
    .map(([key, { module, us }]) => [key.trim(), module, ms(us), share(us)]);
  return [
    `Busy ${ms(busyUs)} ms, idle ${ms(idleUs)} ms (self time; shares of busy time).`,
    '',
    markdownTable(['module', 'self ms', 'share'], moduleRows, 'lrr'),
    '',
    markdownTable(['function', 'module', 'self ms', 'share'], functionRows, 'llrr'),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, top] = process.argv.slice(2);
  if (file === undefined) {
    console.error('usage: tsx bench/profile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summariseProfile(file, top === undefined ? 20 : Number(top)));
}
