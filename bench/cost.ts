/**
 * What one request costs the gateway, in figures that hold on a busy machine: CPU µs of the
 * gateway process per request and, with `--callgrind`, instructions per request counted by
 * valgrind (the same for the same build and inputs whatever else the machine runs). Starts the
 * emulator and the gateway (`dist/`, so `npm run build` first), warms up, then measures a fixed
 * number of requests of one kind.
 *
 *   npx tsx bench/cost.ts [--kind=editorUpdate] [--requests=2000] [--warmup=1000] [--workers=8]
 *   npx tsx bench/cost.ts --callgrind --requests=400 --warmup=600 [--main=dist/main.js] [--keep-dump]
 *   npx tsx bench/cost.ts --profile   (the gateway under --cpu-prof; its profile summarised)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createEditorContacts } from './editor.js';
import { EmulatorAdmin, type Contact } from './emulator.js';
import { GatewayClient, type Kind, type Step } from './load.js';
import { cpuMs, freePort, startEmulatorProcess, startGatewayProcess } from './processes.js';
import { summariseProfile } from './profile.js';

const { values: args } = parseArgs({
  options: {
    kind: { type: 'string', default: 'editorUpdate' },
    requests: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '1000' },
    workers: { type: 'string', default: '8' },
    callgrind: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    main: { type: 'string', default: 'dist/main.js' },
    'node-args': { type: 'string', default: '' },
    'keep-dump': { type: 'boolean', default: false },
  },
});
const KIND = args.kind as Kind;
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);
const WORKERS = Number(args.workers);
/** Flags for the gateway's node (`--node-args="--max-semi-space-size=64"`). */
const NODE_ARGS = args['node-args'].split(' ').filter((arg) => arg !== '');

/** Runs `count` steps in all, spread over the workers' closed loops. */
async function runCount(steps: Step[], count: number): Promise<void> {
  let left = count;
  await Promise.all(
    steps.map(async (step) => {
      while (left > 0) {
        left -= 1;
        await step();
      }
    }),
  );
}

/** The gateway under `valgrind --tool=callgrind`, counting nothing until told to. */
async function startUnderCallgrind(emulatorUrl: string, outFile: string, main: string) {
  const port = await freePort();
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--instr-atstart=no',
      `--callgrind-out-file=${outFile}`,
      process.execPath,
      main,
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        PEOPLE_API_URL: emulatorUrl,
        // Under valgrind everything runs tens of times slower: the gateway's own time limits too.
        UPSTREAM_TIMEOUT_MS: '120000',
        HTTP_HEADERS_TIMEOUT_MS: '600000',
        HTTP_REQUEST_TIMEOUT_MS: '600000',
        // The emulator ends keep-alive sockets idle for 5 s: a slow gateway meets the reset and
        // retries, within a budget as stretched as the rest.
        RETRY_BUDGET_MS: '120000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; ; i++) {
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer u1' },
      body: JSON.stringify({ query: '{ __typename }' }),
    }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    if (i > 3000) throw new Error('gateway under valgrind did not start in 10 minutes');
    await sleep(200);
  }
  const control = (...flags: string[]) =>
    new Promise<void>((resolve, reject) => {
      const c = spawn('callgrind_control', [...flags, String(child.pid)], { stdio: 'ignore' });
      c.once('exit', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`callgrind_control ${flags.join(' ')}: ${String(code)}`));
      });
    });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  return { url, pid: child.pid ?? 0, control, stop };
}

/** Instructions in the dump `callgrind_control --dump` wrote (`<outFile>.1`). */
function instructionsIn(outFile: string): number {
  const dumped = `${outFile}.1`;
  const totals = /^(?:totals|summary): (\d+)/m.exec(readFileSync(dumped, 'utf8'));
  if (!totals?.[1]) throw new Error(`no totals in ${dumped}`);
  if (args['keep-dump']) console.log(`callgrind dump kept: ${dumped} (callgrind_annotate it)`);
  else rmSync(dumped, { force: true });
  return Number(totals[1]);
}

async function main(): Promise<void> {
  const tokens = Array.from({ length: WORKERS }, (_, i) => `u${i + 1}`);
  const emulator = await startEmulatorProcess(tokens);
  const admin = new EmulatorAdmin(emulator.url);
  const outFile = join(tmpdir(), `cost-${process.pid}.callgrind`);
  const profileDir = args.profile ? mkdtempSync(join(tmpdir(), 'cost-profile-')) : undefined;
  const gateway = args.callgrind
    ? await startUnderCallgrind(emulator.url, outFile, args.main)
    : await startGatewayProcess(
        emulator.url,
        'u1',
        [...NODE_ARGS, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
        undefined,
        args.main,
      );
  try {
    const contacts: Contact[] = await Promise.all(
      tokens.map((token) =>
        KIND.startsWith('editor')
          ? createEditorContacts(admin, token)
          : admin.createContact(token, 'Cost'),
      ),
    );
    const client = new GatewayClient(gateway.url, WORKERS);
    const steps = contacts.map((c) => client.step(KIND, c));
    await runCount(steps, WARMUP);
    const clientMs = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    const before = {
      gateway: cpuMs(gateway.pid),
      emulator: cpuMs(emulator.pid),
      client: clientMs(),
    };
    if ('control' in gateway) await gateway.control('--instr=on');
    await runCount(steps, REQUESTS);
    if ('control' in gateway) await gateway.control('--dump');
    const perRequest = (ms: number) => ((ms * 1000) / REQUESTS).toFixed(0);
    const cpuUs = perRequest(cpuMs(gateway.pid) - before.gateway);
    const others = `emulator ${perRequest(cpuMs(emulator.pid) - before.emulator)}, client ${perRequest(clientMs() - before.client)}`;
    await client.close();
    const line = [`${KIND}: ${REQUESTS} requests, ${cpuUs} µs gateway CPU each (${others})`];
    if ('control' in gateway) {
      line.push(`${(instructionsIn(outFile) / REQUESTS / 1000).toFixed(0)} k instructions each`);
    }
    console.log(line.join(', '));
    await gateway.stop();
    const profile = profileDir && readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (profileDir && profile) {
      console.log(summariseProfile(join(profileDir, profile), 40, WARMUP + REQUESTS));
    }
  } finally {
    await gateway.stop();
    await emulator.stop();
  }
}

await main();
