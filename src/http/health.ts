/**
 * `/healthz` (the process answers) and `/readyz` (it accepts work, and what it depends on
 * answers: the People API, and whatever the caller adds, such as Redis).
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from './responses.js';

export type ReadinessChecks = Record<string, () => Promise<boolean>>;

/** The upstream answers HTTP at all (any status below 500): Google's front end or the emulator. */
export async function upstreamAnswers(rootUrl: string): Promise<boolean> {
  const res = await fetch(rootUrl, { method: 'GET', signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status < 500;
}

export function sendHealth(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

/** 200 when every check passes and the server is not draining; 503 with each check's answer. */
export async function sendReadiness(
  res: ServerResponse,
  accepting: boolean,
  checks: ReadinessChecks,
): Promise<void> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await check().catch(() => false)]),
  );
  const results = { accepting, ...(Object.fromEntries(entries) as Record<string, boolean>) };
  const ready = Object.values(results).every(Boolean);
  sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: results });
}
