/**
 * The built gateway (`npm run build`'s `dist/main.js`, as the image runs it) as a real process:
 * started with only the environment given (and PATH), resolved once it prints the URL it listens
 * at.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface BuiltGateway {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** All it printed so far, stdout and stderr. */
  output(): string;
}

/** Starts `node <main>`; rejects with what it printed if it exits before listening. */
export async function startBuiltGateway(
  main: string,
  env: Record<string, string>,
): Promise<BuiltGateway> {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /GraphQL gateway:\s+(\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      reject(new Error(`the gateway exited before listening:\n${output}`));
    });
  });
  return { child, url, exited, output: () => output };
}
