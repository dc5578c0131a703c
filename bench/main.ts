/**
 * `npm run bench`: the emulator and the gateway (from `dist/`) as separate processes on
 * loopback; throughput and latency through the gateway against the googleapis client straight
 * at the same emulator, upstream requests per operation, start-up time and memory. Prints
 * markdown tables; exits non-zero when an upstream count differs from the contract or a load
 * request failed.
 *
 * The contact-editor workload (bench/editor.ts) comes first, then the etag-only operations; each
 * run compares the gateway with the googleapis client on its own transport and on the gateway's,
 * and the editor's reads also with the floor (bench/floor.ts), a bare Node proxy in its place.
 *
 * Options (CLI `--workers=16` or env `BENCH_WORKERS=16`): workers (32), duration and warmup in
 * seconds (8, 2), rounds (4: the sides take turns in windows that share the duration, the order
 * reversed every other round), starts (5 timed gateway starts, after an untimed one), latency in ms (50), profile
 * (BENCH_PROFILE=1: the measured gateway runs under `node --cpu-prof` and its profile is
 * summarised), only (BENCH_ONLY=editorList,read: the load runs of these kinds alone), node-args
 * (BENCH_NODE_ARGS="--single-threaded-gc": flags for the gateway's node).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkFloor,
  createEditorContacts,
  EDITOR_UPDATE,
  editorChange,
  editorRequests,
} from './editor.js';
import { EmulatorAdmin, type Contact } from './emulator.js';
import {
  combineSlices,
  DirectClient,
  GatewayClient,
  runClosedLoop,
  type Kind,
  type Side,
  type Slice,
  type Step,
} from './load.js';
import {
  cpuMs,
  memoryMb,
  startEmulatorProcess,
  startFloorProcess,
  startGatewayProcess,
  timeDirectStart,
  type GatewayProcess,
  type ReadyProbe,
  type ServerProcess,
} from './processes.js';
import { summariseProfile } from './profile.js';
import { formatReport, runName, VIAS, type Run, type Via } from './report.js';
import { checkUpstreamRequests } from './upstream.js';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    starts: { type: 'string' },
    rounds: { type: 'string' },
    latency: { type: 'string' },
    profile: { type: 'boolean' },
    only: { type: 'string' },
    'node-args': { type: 'string' },
  },
});

type OptionName = 'workers' | 'duration' | 'warmup' | 'starts' | 'rounds' | 'latency';

function option(name: OptionName, fallback: number) {
  const raw = args[name] ?? process.env[`BENCH_${name.toUpperCase()}`];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`bad ${name}: ${String(raw)}`);
  return value;
}

const WORKERS = Math.max(1, Math.round(option('workers', 32)));
const LOAD = { durationMs: option('duration', 8) * 1000, warmupMs: option('warmup', 2) * 1000 };
const STARTS = Math.max(1, Math.round(option('starts', 5)));
/** Windows per side, the sides taking turns; `duration` is split among them. */
const ROUNDS = Math.max(1, Math.round(option('rounds', 4)));
/** Workers of the light-load latency run. */
const LIGHT_WORKERS = 4;
const LATENCY_MS = option('latency', 50);
const PROFILE = args.profile === true || process.env['BENCH_PROFILE'] === '1';
/** Flags for the gateway's node, timed starts included (`--node-args="--single-threaded-gc"`). */
const NODE_ARGS = (args['node-args'] ?? process.env['BENCH_NODE_ARGS'] ?? '')
  .split(' ')
  .filter((arg) => arg !== '');
/** Kinds to measure (`--only=editorList,read`); all when unset. */
const ONLY = new Set(
  (args.only ?? process.env['BENCH_ONLY'] ?? '').split(',').filter((kind) => kind !== ''),
);
const measured = (kind: Kind) => ONLY.size === 0 || ONLY.has(kind);

const log = (line: string) => {
  process.stderr.write(`bench: ${line}\n`);
};

type Cpu = Run['cpu'];

/**
 * Start-up as a user meets it: spawn → the first editor update answered (each start chains the
 * probe contact's etag).
 */
function firstUpdateProbe(contact: Contact): ReadyProbe {
  return async (url) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${contact.token}` },
      body: JSON.stringify({
        query: EDITOR_UPDATE,
        variables: {
          input: { resourceName: contact.resourceName, etag: contact.etag, ...editorChange(1) },
        },
      }),
    });
    const body = (await res.json()) as {
      data?: { updateContact?: { person?: { etag?: string } } };
    };
    const etag = body.data?.updateContact?.person?.etag;
    if (etag === undefined) return false;
    contact.etag = etag;
    return true;
  };
}

/**
 * `STARTS` timed starts after one untimed: the first update of a fresh emulator waits for the
 * emulator's own warm-up (tsx, its JIT), which Google never makes a gateway wait for. Each is
 * followed by a start of bench/directStart.cjs, the same first update from a script on the
 * googleapis client, so that the figure can be read against what the machine gives then.
 */
async function timeStarts(
  emulatorUrl: string,
  admin: EmulatorAdmin,
): Promise<{ gateway: number[]; direct: number[] }> {
  const contact = await admin.createContact('demo', 'Start');
  const gateway: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i <= STARTS; i++) {
    const probe = await startGatewayProcess(
      emulatorUrl,
      'demo',
      NODE_ARGS,
      firstUpdateProbe(contact),
    );
    await probe.stop();
    // In turn with the gateway's, so that both meet the machine in the same state.
    const directMs = await timeDirectStart(emulatorUrl, contact, i + 1);
    if (i > 0) {
      gateway.push(probe.startMs);
      direct.push(directMs);
    } else {
      log(
        `untimed warm-up starts: ${probe.startMs.toFixed(0)} ms, direct ${directMs.toFixed(0)} ms`,
      );
    }
  }
  log(`gateway starts: ${gateway.map((t) => t.toFixed(0)).join(', ')} ms`);
  log(`direct starts: ${direct.map((t) => t.toFixed(0)).join(', ')} ms`);
  return { gateway, direct };
}

/** The contacts each run works on, by kind. */
interface Workload {
  own: Contact[];
  shared: Contact[];
  editor: Contact[];
}

async function createWorkload(admin: EmulatorAdmin, tokens: string[]): Promise<Workload> {
  const [own, shared, editor] = await Promise.all([
    Promise.all(tokens.map((token) => admin.createContact(token, 'Bench'))),
    Promise.all(tokens.map((_, i) => admin.createContact('solo', `Bench ${i}`))),
    Promise.all(tokens.map((token) => createEditorContacts(admin, token))),
  ]);
  await admin.clearRequests();
  return { own, shared, editor };
}

/** Measures runs of every kind on every side, in windows that take turns. */
function createRunner(
  pids: { emulator: number; middle: Partial<Record<Via, number>> },
  admin: EmulatorAdmin,
  sides: Record<Via, Side>,
  workload: Workload,
) {
  const runs: Run[] = [];
  /** CPU so far of the emulator, the bench, and the process between them on `via`'s path. */
  const sampleOf = (via: Via): Cpu => {
    const { user, system } = process.cpuUsage();
    const middle = pids.middle[via];
    return {
      gateway: middle === undefined ? NaN : cpuMs(middle),
      emulator: cpuMs(pids.emulator),
      client: (user + system) / 1000,
    };
  };
  /** One window of one side; CPU time of each process over the window is added to `cpu`. */
  const slice = async (via: Via, steps: Step[], load: typeof LOAD, cpu: Cpu): Promise<Slice> => {
    const sample = () => sampleOf(via);
    let before = sample();
    const result = await runClosedLoop(steps, load, (edge) => {
      if (edge === 'open') {
        before = sample();
        return;
      }
      const after = sample();
      cpu.gateway += after.gateway - before.gateway;
      cpu.emulator += after.emulator - before.emulator;
      cpu.client += after.client - before.client;
    });
    await admin.clearRequests();
    return result;
  };
  const compare = async (kind: Kind, latencyMs: number, singleUser: boolean, workers = WORKERS) => {
    if (!measured(kind)) return;
    log(runName({ kind, latencyMs, singleUser, workers }, WORKERS));
    await admin.latency(latencyMs);
    const pool = kind.startsWith('editor') ? workload.editor : workload.own;
    const contacts = (singleUser ? workload.shared : pool).slice(0, workers);
    const vias = VIAS.filter((via) => sides[via].kinds?.includes(kind) ?? true);
    const slices = new Map<Via, Slice[]>(vias.map((via) => [via, []]));
    const cpu = new Map<Via, Cpu>(vias.map((via) => [via, { gateway: 0, emulator: 0, client: 0 }]));
    for (let round = 0; round < ROUNDS; round++) {
      // A change in the machine's background load during the run weighs on every side alike.
      const order = round % 2 === 0 ? vias : [...vias].reverse();
      for (const via of order) {
        const done = slices.get(via) ?? [];
        const load = {
          durationMs: LOAD.durationMs / ROUNDS,
          // The first window of each side warms the JIT; later ones only refill the pipeline.
          warmupMs: done.length === 0 ? LOAD.warmupMs : Math.min(LOAD.warmupMs, 500),
        };
        const steps = contacts.map((c) => sides[via].step(kind, c));
        const window = await slice(
          via,
          steps,
          load,
          cpu.get(via) ?? { gateway: 0, emulator: 0, client: 0 },
        );
        log(
          `  window ${round + 1} via ${via}: ${(window.latencies.length / window.seconds).toFixed(0)} req/s`,
        );
        done.push(window);
        slices.set(via, done);
      }
    }
    for (const via of vias) {
      const result = combineSlices(slices.get(via) ?? []);
      const perRequest = (ms: number) => (ms * 1000) / result.requests;
      const used = cpu.get(via) ?? { gateway: NaN, emulator: NaN, client: NaN };
      runs.push({
        ...{ kind, latencyMs, singleUser, workers, via, result },
        cpu: {
          gateway: perRequest(used.gateway),
          emulator: perRequest(used.emulator),
          client: perRequest(used.client),
        },
      });
    }
  };
  return { runs, compare };
}

function printProfile(profileDir: string, runs: readonly Run[]): void {
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) {
    log('no profile written');
    return;
  }
  console.log(`\n### Gateway CPU profile (${join(profileDir, file)})\n`);
  const served = runs
    .filter((r) => r.via === 'gateway')
    .reduce((sum, r) => sum + r.result.completed, 0);
  console.log(summariseProfile(join(profileDir, file), 25, served));
}

async function main(): Promise<number> {
  const loadBefore = loadavg()[0] ?? NaN;
  const tokens = Array.from({ length: WORKERS }, (_, i) => `u${i + 1}`);
  const processes: ServerProcess[] = [];
  const emulator = await startEmulatorProcess(['demo', ...tokens, 'solo']);
  processes.push(emulator);
  try {
    const admin = new EmulatorAdmin(emulator.url);
    const startTimes = await timeStarts(emulator.url, admin);

    const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'bench-profile-')) : undefined;
    const gateway: GatewayProcess = await startGatewayProcess(
      emulator.url,
      'u1',
      profileDir === undefined
        ? NODE_ARGS
        : [...NODE_ARGS, '--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    );
    processes.push(gateway);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = memoryMb(gateway.pid);

    log('upstream requests per operation');
    const upstream = await checkUpstreamRequests(gateway.url, admin);
    const gatewayClient = new GatewayClient(gateway.url, WORKERS);
    const editor = await editorRequests(
      (token, query, variables) => gatewayClient.post(token, query, variables),
      admin,
    );
    const workload = await createWorkload(admin, tokens);
    const fields = { ...upstream.personFields, editor };
    const floor = await startFloorProcess(emulator.url, {
      read: editor.read.personFields,
      list: editor.list.personFields,
    });
    processes.push(floor);
    const floorClient = new GatewayClient(floor.url, WORKERS, ['editorRead', 'editorList']);
    const [editorContact] = workload.editor;
    if (editorContact === undefined) throw new Error('no editor contact');
    await checkFloor(
      (token, query, variables) => gatewayClient.post(token, query, variables),
      (token, query, variables) => floorClient.post(token, query, variables),
      admin,
      editorContact,
    );
    const sides: Record<Via, Side> = {
      gateway: gatewayClient,
      direct: new DirectClient(emulator.url, fields, 'googleapis'),
      'direct, gateway transport': new DirectClient(emulator.url, fields, 'gateway'),
      'floor (bare Node proxy)': floorClient,
    };
    const { runs, compare } = createRunner(
      {
        emulator: emulator.pid,
        middle: { gateway: gateway.pid, 'floor (bare Node proxy)': floor.pid },
      },
      admin,
      sides,
      workload,
    );
    for (const kind of ['editorUpdate', 'editorRead', 'editorList'] as const) {
      await compare(kind, 0, false);
    }
    for (const latencyMs of [0, LATENCY_MS]) {
      for (const kind of ['update', 'read'] as const) await compare(kind, latencyMs, false);
    }
    // At full load the machine is saturated and added latency is mostly queueing for the CPU.
    if (WORKERS > LIGHT_WORKERS) await compare('update', LATENCY_MS, false, LIGHT_WORKERS);
    await compare('update', 0, true);
    await admin.latency(0);
    await gatewayClient.close();
    await floorClient.close();
    await floor.stop();

    if (NODE_ARGS.length > 0) console.log(`The gateway's node ran with: ${NODE_ARGS.join(' ')}\n`);
    console.log(
      formatReport({
        runs,
        allWorkers: WORKERS,
        load: { ...LOAD, rounds: ROUNDS },
        loadBefore,
        latencyMs: LATENCY_MS,
        checks: upstream.checks,
        start: {
          startTimes: startTimes.gateway,
          directStartTimes: startTimes.direct,
          idle,
          loaded: memoryMb(gateway.pid),
          emulatorRss: memoryMb(emulator.pid).rss,
        },
      }),
    );
    if (PROFILE) console.log('\n(gateway under --cpu-prof: its CPU figures include profiling)');
    await gateway.stop();
    if (profileDir !== undefined) printProfile(profileDir, runs);

    const failedChecks = upstream.checks.filter((c) => !c.ok).length;
    const failedRequests = runs.reduce((sum, r) => sum + r.result.errors, 0);
    if (failedChecks > 0) log(`${failedChecks} upstream request checks failed`);
    for (const r of runs.filter((run) => run.result.errors > 0)) {
      log(
        `${runName(r, WORKERS)} via ${r.via}: ${r.result.errors} errors, first: ${r.result.firstError ?? ''}`,
      );
    }
    return failedChecks > 0 || failedRequests > 0 ? 1 : 0;
  } finally {
    for (const p of processes.reverse()) await p.stop();
  }
}

process.exitCode = await main();
