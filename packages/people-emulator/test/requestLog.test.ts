import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundedLog, entriesWithoutGaps } from '../src/http/requestLog.js';
import {
  DEMO_CONTACTS,
  startEmulator,
  type RequestLog,
  type RunningEmulator,
} from '../src/index.js';
import { call } from './helpers.js';

describe('BoundedLog', () => {
  it('bounded log - keeps the most recent entries in order and counts the ones it dropped', () => {
    const log = new BoundedLog<number>(3);
    for (let i = 1; i <= 7; i++) log.push(i);

    expect({ entries: log.entries(), dropped: log.dropped }).toEqual({
      entries: [5, 6, 7],
      dropped: 4,
    });
  });

  it('bounded log - never holds more than twice its limit, however many entries are pushed', () => {
    const log = new BoundedLog<number>(100);
    let largest = 0;
    for (let i = 0; i < 10_000; i++) {
      log.push(i);
      largest = Math.max(largest, (log as unknown as { items: number[] }).items.length);
    }

    expect({ largest, last: log.entries().at(-1), kept: log.entries().length }).toEqual({
      largest: 199,
      last: 9_999,
      kept: 100,
    });
  });

  it('bounded log - clear() empties it and resets the dropped count', () => {
    const log = new BoundedLog<string>(1);
    log.push('a');
    log.push('b');
    log.clear();
    log.push('c');

    expect({ entries: log.entries(), dropped: log.dropped }).toEqual({
      entries: ['c'],
      dropped: 0,
    });
  });

  it('bounded log - refuses a limit below 1 or not an integer', () => {
    expect(() => new BoundedLog(0)).toThrow('positive integer');
    expect(() => new BoundedLog(2.5)).toThrow('positive integer');
  });
});

describe('request log limit', () => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startEmulator({ tokens: ['demo'], requestLogLimit: 3 });
  });
  afterAll(async () => {
    await emu.close();
  });

  const readLog = async () =>
    (await call<RequestLog>(emu, 'GET', '__emulator/requests', { token: null })).json;

  it('request log limit - the admin log answers the last requests and how many it dropped, until DELETE', async () => {
    for (const pageSize of [1, 2, 3, 4, 5]) {
      await call(emu, 'GET', 'v1/people/me/connections', {
        query: { personFields: 'names', pageSize },
      });
    }
    const full = await readLog();
    await call(emu, 'DELETE', '__emulator/requests', { token: null });
    await call(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, { query: { personFields: 'names' } });
    const afterDelete = await readLog();

    // What the gateway's tests and the bench count from: a log with gaps is refused.
    expect(() => entriesWithoutGaps(full)).toThrow('the emulator dropped 2 logged requests');
    expect(entriesWithoutGaps(afterDelete)).toEqual(afterDelete.requests);

    expect({
      pageSizes: full.requests.map((r) => r.query['pageSize']),
      dropped: full.dropped,
      afterDelete: afterDelete.requests.map((r) => r.path),
      droppedAfterDelete: afterDelete.dropped,
    }).toEqual({
      pageSizes: ['3', '4', '5'],
      dropped: 2,
      afterDelete: [`/v1/${DEMO_CONTACTS.ada}`],
      droppedAfterDelete: 0,
    });
  });
});
