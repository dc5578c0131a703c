/** The bench's tables: runs, gateway against direct, upstream requests, start-up and memory. */
import { cpus, loadavg } from 'node:os';
import type { Kind, LoadResult } from './load.js';
import { againstGoal, fixed, markdownTable } from './table.js';
import type { UpstreamCheck } from './upstream.js';

/**
 * How a run reaches the People API: through the gateway, or the googleapis client in the bench
 * process, on googleapis' own transport (as installed) or on the gateway's; for the editor's
 * reads also through the floor (bench/floor.ts), the least a process in the gateway's place does.
 */
export type Via = 'gateway' | 'direct' | 'direct, gateway transport' | 'floor (bare Node proxy)';
export const VIAS: readonly Via[] = [
  'gateway',
  'direct',
  'direct, gateway transport',
  'floor (bare Node proxy)',
];

export interface Run {
  kind: Kind;
  latencyMs: number;
  singleUser: boolean;
  /** Workers of this run (a light-load run uses fewer). */
  workers: number;
  via: Via;
  result: LoadResult;
  /** CPU µs per measured request, by process ("gateway": the process in the middle, if any). */
  cpu: { gateway: number; emulator: number; client: number };
}

export const GOALS = {
  /** Gateway req/s against the direct googleapis client, etag-only operations. */
  ratio: 0.9,
  /** … the editor's update, and its reads. */
  editorUpdateRatio: 1.0,
  editorReadRatio: 0.9,
  /** Gateway CPU µs per editor update. */
  editorUpdateCpuUs: 600,
  addedP50Ms: 1,
  startMs: 400,
  idleRssMb: 80,
};

const KIND_NAMES: Record<Kind, string> = {
  update: 'updateContact',
  read: 'person read',
  editorUpdate: 'editor updateContact',
  editorRead: 'editor person read',
  editorList: 'editor contacts(pageSize: 10)',
};

export const isEditor = (kind: Kind) => kind.startsWith('editor');

export function runName(
  run: Pick<Run, 'kind' | 'latencyMs' | 'singleUser' | 'workers'>,
  allWorkers: number,
): string {
  const users =
    (run.workers === allWorkers ? '' : `, ${run.workers} workers`) +
    (run.singleUser ? ', one user' : '');
  return `${KIND_NAMES[run.kind]}${users}, +${run.latencyMs} ms upstream`;
}

const sameRun = (a: Run, b: Run) =>
  a.kind === b.kind &&
  a.latencyMs === b.latencyMs &&
  a.singleUser === b.singleUser &&
  a.workers === b.workers;

function otherSide(runs: readonly Run[], run: Run, via: Via): Run | undefined {
  return runs.find((r) => r.via === via && sameRun(r, run));
}

function runRows(runs: readonly Run[], allWorkers: number): string[][] {
  return runs.map((r) => {
    const direct = otherSide(runs, r, 'direct');
    return [
      runName(r, allWorkers),
      r.via,
      fixed(r.result.perSecond, 0),
      direct ? fixed(r.result.perSecond / direct.result.perSecond, 2) : '—',
      fixed(r.result.p50, 2),
      fixed(r.result.p90, 2),
      fixed(r.result.p99, 2),
      fixed(r.cpu.gateway, 0),
      fixed(r.cpu.client, 0),
      fixed(r.cpu.emulator, 0),
      String(r.result.errors),
    ];
  });
}

function runTable(runs: readonly Run[], allWorkers: number): string {
  return markdownTable(
    [
      'run',
      'via',
      'req/s',
      '× direct',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'CPU gateway',
      'CPU client',
      'CPU emulator',
      'errors',
    ],
    runRows(runs, allWorkers),
    'llrrrrrrrrr',
  );
}

/** The throughput goal of a gateway run against direct, if it has one. */
function ratioGoal(run: Run): number | undefined {
  if (run.singleUser || run.latencyMs > 0) return undefined;
  if (run.kind === 'editorUpdate') return GOALS.editorUpdateRatio;
  return isEditor(run.kind) ? GOALS.editorReadRatio : GOALS.ratio;
}

function againstDirectTable(runs: readonly Run[], allWorkers: number): string {
  const rows = runs
    .filter((r) => r.via === 'gateway')
    .map((g) => {
      const d = otherSide(runs, g, 'direct');
      const t = otherSide(runs, g, 'direct, gateway transport');
      const floor = otherSide(runs, g, 'floor (bare Node proxy)');
      const ratio = d ? g.result.perSecond / d.result.perSecond : NaN;
      const addedP50 = d ? g.result.p50 - d.result.p50 : NaN;
      const goal = ratioGoal(g);
      const ratioText = fixed(ratio, 2);
      const p50Text = fixed(addedP50, 2);
      return [
        runName(g, allWorkers),
        goal === undefined ? ratioText : againstGoal(`${ratioText} (≥ ${goal})`, ratio >= goal),
        t ? fixed(g.result.perSecond / t.result.perSecond, 2) : '—',
        floor && d ? fixed(floor.result.perSecond / d.result.perSecond, 2) : '—',
        g.latencyMs > 0 ? againstGoal(p50Text, addedP50 <= GOALS.addedP50Ms) : p50Text,
        d ? fixed(g.result.p99 - d.result.p99, 2) : '—',
      ];
    });
  return markdownTable(
    [
      'run',
      'gateway/direct req/s',
      'gateway/direct on gateway transport',
      'floor/direct req/s',
      'added p50 ms',
      'added p99 ms',
    ],
    rows,
    'lrrrrr',
  );
}

export interface StartFigures {
  startTimes: number[];
  /** bench/directStart.cjs, started in turn with the gateway. */
  directStartTimes: number[];
  idle: { rss: number };
  loaded: { rss: number; peak: number };
  emulatorRss: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

function startTable(figures: StartFigures, editorUpdateCpu: number): string {
  const startMs = median(figures.startTimes);
  const { idle, loaded } = figures;
  return markdownTable(
    ['figure', 'measured', 'goal'],
    [
      [
        `start: spawn → first answered editor \`updateContact\` (median of ${figures.startTimes.length})`,
        `${fixed(startMs, 0)} ms (${figures.startTimes.map((t) => fixed(t, 0)).join(', ')})`,
        againstGoal(`≤ ${GOALS.startMs} ms`, startMs <= GOALS.startMs),
      ],
      [
        `the same, a script on the googleapis People client (\`bench/directStart.cjs\`, in turn)`,
        `${fixed(median(figures.directStartTimes), 0)} ms (${figures.directStartTimes.map((t) => fixed(t, 0)).join(', ')})`,
        '—',
      ],
      [
        'RSS idle, 1 s after start',
        `${fixed(idle.rss, 1)} MB`,
        againstGoal(`≤ ${GOALS.idleRssMb} MB`, idle.rss <= GOALS.idleRssMb),
      ],
      [
        'gateway CPU per editor update, +0 ms upstream',
        `${fixed(editorUpdateCpu, 0)} µs`,
        againstGoal(`≤ ${GOALS.editorUpdateCpuUs} µs`, editorUpdateCpu <= GOALS.editorUpdateCpuUs),
      ],
      ['RSS after the load runs', `${fixed(loaded.rss, 1)} MB`, '—'],
      ['peak RSS (VmHWM)', `${fixed(loaded.peak, 1)} MB`, '—'],
      [
        'emulator (own process) RSS after the load runs',
        `${fixed(figures.emulatorRss, 1)} MB`,
        '—',
      ],
    ],
    'lrl',
  );
}

export interface Report {
  runs: Run[];
  allWorkers: number;
  load: { durationMs: number; warmupMs: number; rounds: number };
  loadBefore: number;
  latencyMs: number;
  checks: UpstreamCheck[];
  start: StartFigures;
}

function upstreamTable(checks: readonly UpstreamCheck[]): string {
  return markdownTable(
    ['operation', 'answer', 'expected', 'measured', 'upstream requests', 'ok'],
    checks.map((c) => [
      c.operation,
      c.answer,
      String(c.expected),
      String(c.measured),
      c.detail,
      c.ok ? '✓' : '✗',
    ]),
    'llrrll',
  );
}

export function formatReport(report: Report): string {
  const { runs, allWorkers, load } = report;
  const editor = runs.filter((r) => isEditor(r.kind));
  const editorUpdate = runs.find((r) => r.kind === 'editorUpdate' && r.via === 'gateway');
  return [
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)};`,
    `load average (1 min) ${fixed(report.loadBefore, 1)} before the bench, ${fixed(loadavg()[0] ?? NaN, 1)} after.`,
    '',
    `${allWorkers} workers in closed loops, each on its own emulator user and contact (one user: all`,
    `on one user, own contacts), chaining etags. ${load.durationMs / 1000} s measured per side in ${load.rounds} windows, the`,
    `sides in turn (gateway, direct, direct on the gateway transport, then back), after ${load.warmupMs / 1000} s warm-up.`,
    'Direct: the googleapis People client in the bench process against the same emulator, on its own',
    'transport (gaxios over node-fetch, as installed) or on the gateway’s (src/people/transport.ts).',
    'CPU: µs per request by process (client: the bench process, i.e. the load generator or the',
    'googleapis client). × direct: req/s against the direct row on googleapis’ own transport.',
    '',
    '### Contact editor workload',
    '',
    'Update with mask [NAMES, EMAIL_ADDRESSES] reading back `resourceName etag names { givenName',
    'familyName displayName } emailAddresses { value type } metadata { sources { type id etag } }`;',
    'a read of one contact and a page of 10 with names, email addresses, phone numbers and metadata',
    'sources.',
    '',
    runTable(editor, allWorkers),
    '',
    '### Throughput and latency (etag-only selections)',
    '',
    runTable(
      runs.filter((r) => !isEditor(r.kind)),
      allWorkers,
    ),
    '',
    '### Gateway against direct',
    '',
    `Goals (own users, no added latency): the editor's update ≥ ${GOALS.editorUpdateRatio}× direct, its reads ≥ ${GOALS.editorReadRatio}×, the`,
    `etag-only operations ≥ ${GOALS.ratio}×; added latency ≤ ${GOALS.addedP50Ms} ms at p50 (with ${report.latencyMs} ms upstream latency).`,
    'One user: mutations are serialised per user by design, so that row is the per-user ceiling, not',
    'a goal.',
    '',
    againstDirectTable(runs, allWorkers),
    '',
    '### Upstream requests per operation',
    '',
    upstreamTable(report.checks),
    '',
    '### Start and memory (gateway process)',
    '',
    startTable(report.start, editorUpdate?.cpu.gateway ?? NaN),
  ].join('\n');
}
