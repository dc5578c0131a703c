/**
 * `npm run bench`: the emulator and the gateway (from `dist/`) as separate processes on
 * loopback; throughput and latency through the gateway against the googleapis client straight
 * at the same emulator, upstream requests per operation, start-up time and memory. Prints
 * markdown tables; exits non-zero when an upstream count differs from the contract or a load
 * request failed.
 *
 * Options (CLI `--workers=16` or env `BENCH_WORKERS=16`): workers (32), duration and warmup in
 * seconds (8, 2), rounds (4: gateway and direct alternate in ABBA windows that share the
 * duration), starts (3 timed gateway starts), latency in ms (50), profile (BENCH_PROFILE=1: the
 * measured gateway runs under `node --cpu-prof` and its profile is summarised).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EmulatorAdmin, type Contact } from './emulator.js';
import {
  combineSlices,
  DirectClient,
  GatewayClient,
  runClosedLoop,
  type LoadResult,
  type Slice,
  type Step,
} from './load.js';
import {
  cpuMs,
  memoryMb,
  startEmulatorProcess,
  startGatewayProcess,
  type GatewayProcess,
  type ServerProcess,
} from './processes.js';
import { summariseProfile } from './profile.js';
import { againstGoal, fixed, markdownTable } from './table.js';
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
const STARTS = Math.max(1, Math.round(option('starts', 3)));
/** Windows per side, alternating gateway and direct; `duration` is split among them. */
const ROUNDS = Math.max(1, Math.round(option('rounds', 4)));
/** Workers of the light-load latency run. */
const LIGHT_WORKERS = 4;
const LATENCY_MS = option('latency', 50);
const PROFILE = args.profile === true || process.env['BENCH_PROFILE'] === '1';

const GOALS = { ratio: 0.9, addedP50Ms: 1, startMs: 500, idleRssMb: 100 };

type Via = 'gateway' | 'direct';
type Kind = 'update' | 'read';

interface Run {
  kind: Kind;
  latencyMs: number;
  singleUser: boolean;
  /** Workers of this run (a light-load run uses fewer). */
  workers: number;
  via: Via;
  result: LoadResult;
  /** CPU µs per measured request, by process. */
  cpu: { gateway: number; emulator: number; client: number };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};

function runName(run: Pick<Run, 'kind' | 'latencyMs' | 'singleUser' | 'workers'>): string {
  const what = run.kind === 'update' ? 'updateContact' : 'person read';
  const users =
    (run.workers === WORKERS ? '' : `, ${run.workers} workers`) +
    (run.singleUser ? ', one user' : '');
  return `${what}${users}, +${run.latencyMs} ms upstream`;
}

async function main(): Promise<number> {
  const loadBefore = loadavg()[0] ?? NaN;
  const tokens = Array.from({ length: WORKERS }, (_, i) => `u${i + 1}`);
  const processes: ServerProcess[] = [];
  const emulator = await startEmulatorProcess(['demo', ...tokens, 'solo']);
  processes.push(emulator);
  try {
    const admin = new EmulatorAdmin(emulator.url);
    const log = (line: string) => {
      process.stderr.write(`bench: ${line}\n`);
    };

    const startTimes: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const probe = await startGatewayProcess(emulator.url, 'u1');
      startTimes.push(probe.startMs);
      await probe.stop();
    }
    log(`gateway starts: ${startTimes.map((t) => fixed(t, 0)).join(', ')} ms`);

    const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'bench-profile-')) : undefined;
    const gateway: GatewayProcess = await startGatewayProcess(
      emulator.url,
      'u1',
      profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    );
    processes.push(gateway);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = memoryMb(gateway.pid);

    log('upstream requests per operation');
    const upstream = await checkUpstreamRequests(gateway.url, admin);

    const own: Contact[] = await Promise.all(
      tokens.map((token) => admin.createContact(token, 'Bench')),
    );
    const shared: Contact[] = await Promise.all(
      tokens.map((_, i) => admin.createContact('solo', `Bench ${i}`)),
    );
    await admin.clearRequests();

    const gatewayClient = new GatewayClient(gateway.url, WORKERS);
    const direct = new DirectClient(emulator.url, upstream.personFields);
    const runs: Run[] = [];
    const sample = () => ({
      gateway: cpuMs(gateway.pid),
      emulator: cpuMs(emulator.pid),
      client: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    });
    /** One window of one side; CPU time of each process over the window is added to `cpu`. */
    const slice = async (
      kind: Kind,
      contacts: Contact[],
      via: Via,
      load: typeof LOAD,
      cpu: { gateway: number; emulator: number; client: number },
    ) => {
      const client = via === 'gateway' ? gatewayClient : direct;
      const steps: Step[] = contacts.map((c) =>
        kind === 'update' ? client.updateStep(c) : client.readStep(c),
      );
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
    /**
     * Gateway and direct in alternating windows (ABBA…), so a change in the machine's background
     * load during the run weighs on both sides alike.
     */
    const compare = async (
      kind: Kind,
      latencyMs: number,
      singleUser: boolean,
      workers = WORKERS,
    ) => {
      log(runName({ kind, latencyMs, singleUser, workers }));
      await admin.latency(latencyMs);
      const contacts = (singleUser ? shared : own).slice(0, workers);
      const slices: Record<Via, Slice[]> = { gateway: [], direct: [] };
      const cpu: Record<Via, { gateway: number; emulator: number; client: number }> = {
        gateway: { gateway: 0, emulator: 0, client: 0 },
        direct: { gateway: 0, emulator: 0, client: 0 },
      };
      for (let round = 0; round < ROUNDS; round++) {
        const order: Via[] = round % 2 === 0 ? ['gateway', 'direct'] : ['direct', 'gateway'];
        for (const via of order) {
          const load = {
            durationMs: LOAD.durationMs / ROUNDS,
            // The first window of each side warms the JIT; later ones only refill the pipeline.
            warmupMs: slices[via].length === 0 ? LOAD.warmupMs : Math.min(LOAD.warmupMs, 500),
          };
          slices[via].push(await slice(kind, contacts, via, load, cpu[via]));
        }
      }
      for (const via of ['gateway', 'direct'] as const) {
        const result = combineSlices(slices[via]);
        const perRequest = (ms: number) => (ms * 1000) / result.requests;
        runs.push({
          kind,
          latencyMs,
          singleUser,
          workers,
          via,
          result,
          cpu: {
            gateway: via === 'gateway' ? perRequest(cpu[via].gateway) : NaN,
            emulator: perRequest(cpu[via].emulator),
            client: perRequest(cpu[via].client),
          },
        });
      }
    };
    for (const latencyMs of [0, LATENCY_MS]) {
      for (const kind of ['update', 'read'] as const) await compare(kind, latencyMs, false);
    }
    // At full load the machine is saturated and added latency is mostly queueing for the CPU.
    if (WORKERS > LIGHT_WORKERS) await compare('update', LATENCY_MS, false, LIGHT_WORKERS);
    await compare('update', 0, true);
    await admin.latency(0);
    await gatewayClient.close();

    const loaded = memoryMb(gateway.pid);
    const emulatorMemory = memoryMb(emulator.pid);

    const out: string[] = [];
    out.push(
      `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)};`,
      `load average (1 min) ${fixed(loadBefore, 1)} before the bench, ${fixed(loadavg()[0] ?? NaN, 1)} after.`,
      '',
      `### Throughput and latency`,
      '',
      `${WORKERS} workers in closed loops, each on its own emulator user and contact (one user: all`,
      `on one user, own contacts), chaining etags. ${LOAD.durationMs / 1000} s measured per side in ${ROUNDS} windows, gateway`,
      `and direct alternating (ABBA), after ${LOAD.warmupMs / 1000} s warm-up. Direct: the googleapis People client in the`,
      'bench process against the same emulator. CPU: µs per request by process (client: the bench',
      'process, i.e. the load generator or the googleapis client).',
      '',
      markdownTable(
        [
          'run',
          'via',
          'req/s',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'CPU gateway',
          'CPU emulator',
          'CPU client',
          'errors',
        ],
        runs.map((r) => [
          runName(r),
          r.via,
          fixed(r.result.perSecond, 0),
          fixed(r.result.p50, 2),
          fixed(r.result.p90, 2),
          fixed(r.result.p99, 2),
          fixed(r.cpu.gateway, 0),
          fixed(r.cpu.emulator, 0),
          fixed(r.cpu.client, 0),
          String(r.result.errors),
        ]),
        'llrrrrrrrr',
      ),
    );

    const pairs = runs
      .filter((r) => r.via === 'gateway')
      .map((g) => {
        const d = runs.find(
          (r) =>
            r.via === 'direct' &&
            r.kind === g.kind &&
            r.latencyMs === g.latencyMs &&
            r.singleUser === g.singleUser &&
            r.workers === g.workers,
        );
        return { g, d };
      });
    out.push(
      '',
      '### Gateway against direct',
      '',
      `Goals: throughput ≥ ${GOALS.ratio}× direct (own users, no added latency); added latency ≤ ${GOALS.addedP50Ms} ms at p50`,
      `(with ${LATENCY_MS} ms upstream latency). One user: mutations are serialised per user by design, so`,
      'that row is the per-user ceiling, not a goal.',
      '',
      markdownTable(
        ['run', 'gateway/direct req/s', 'added p50 ms', 'added p99 ms'],
        pairs.map(({ g, d }) => {
          const ratio = d ? g.result.perSecond / d.result.perSecond : NaN;
          const addedP50 = d ? g.result.p50 - d.result.p50 : NaN;
          const addedP99 = d ? g.result.p99 - d.result.p99 : NaN;
          const ratioText = fixed(ratio, 2);
          const p50Text = fixed(addedP50, 2);
          return [
            runName(g),
            g.singleUser || g.latencyMs > 0
              ? ratioText
              : againstGoal(ratioText, ratio >= GOALS.ratio),
            g.latencyMs > 0 ? againstGoal(p50Text, addedP50 <= GOALS.addedP50Ms) : p50Text,
            fixed(addedP99, 2),
          ];
        }),
        'lrrr',
      ),
    );

    out.push(
      '',
      '### Upstream requests per operation',
      '',
      markdownTable(
        ['operation', 'answer', 'expected', 'measured', 'upstream requests', 'ok'],
        upstream.checks.map((c) => [
          c.operation,
          c.answer,
          String(c.expected),
          String(c.measured),
          c.detail,
          c.ok ? '✓' : '✗',
        ]),
        'llrrll',
      ),
    );

    const startMs = median(startTimes);
    out.push(
      '',
      '### Start and memory (gateway process)',
      '',
      markdownTable(
        ['figure', 'measured', 'goal'],
        [
          [
            `start: spawn → first answered \`{ __typename }\` (median of ${STARTS})`,
            `${fixed(startMs, 0)} ms (${startTimes.map((t) => fixed(t, 0)).join(', ')})`,
            againstGoal(`≤ ${GOALS.startMs} ms`, startMs <= GOALS.startMs),
          ],
          [
            'RSS idle, 1 s after start',
            `${fixed(idle.rss, 1)} MB`,
            againstGoal(`≤ ${GOALS.idleRssMb} MB`, idle.rss <= GOALS.idleRssMb),
          ],
          ['RSS after the load runs', `${fixed(loaded.rss, 1)} MB`, '—'],
          ['peak RSS (VmHWM)', `${fixed(loaded.peak, 1)} MB`, '—'],
          [
            'emulator (own process) RSS after the load runs',
            `${fixed(emulatorMemory.rss, 1)} MB`,
            '—',
          ],
        ],
        'lrl',
      ),
    );
    if (PROFILE) out.push('', `(gateway under --cpu-prof: its CPU figures include profiling)`);
    console.log(out.join('\n'));

    await gateway.stop();
    if (profileDir !== undefined) {
      const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
      if (file === undefined) {
        log('no profile written');
      } else {
        console.log(`\n### Gateway CPU profile (${join(profileDir, file)})\n`);
        const served = runs
          .filter((r) => r.via === 'gateway')
          .reduce((sum, r) => sum + r.result.completed, 0);
        console.log(summariseProfile(join(profileDir, file), 25, served));
      }
    }

    const failedChecks = upstream.checks.filter((c) => !c.ok).length;
    const failedRequests = runs.reduce((sum, r) => sum + r.result.errors, 0);
    if (failedChecks > 0) log(`${failedChecks} upstream request checks failed`);
    for (const r of runs.filter((run) => run.result.errors > 0)) {
      log(
        `${runName(r)} via ${r.via}: ${r.result.errors} errors, first: ${r.result.firstError ?? ''}`,
      );
    }
    return failedChecks > 0 || failedRequests > 0 ? 1 : 0;
  } finally {
    for (const p of processes.reverse()) await p.stop();
  }
}

process.exitCode = await main();
