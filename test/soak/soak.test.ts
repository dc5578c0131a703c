import { describe, expect, it } from 'vitest';
import { DEFAULT_SOAK_OPTIONS, maxOverlap, runSoak, soakTable } from '../../bench/soakHarness.js';
import { mergeSoakTable, runMergeSoak } from '../../bench/soakMerge.js';

describe('soak', () => {
  it('maxOverlap - counts intervals open at once, an end meeting a start not overlapping', () => {
    expect(maxOverlap([])).toBe(0);
    expect(
      maxOverlap([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
        { start: 20, end: 20 },
      ]),
    ).toBe(1);
    expect(
      maxOverlap([
        { start: 0, end: 10 },
        { start: 5, end: 15 },
        { start: 9, end: 11 },
        { start: 12, end: 13 },
      ]),
    ).toBe(3);
  });

  it('chained updates under 10 % faults of every kind - none lost, doubled or falsely conflicted, one mutation per user in flight', async () => {
    const report = await runSoak({
      users: 4,
      clientsPerUser: 3,
      durationMs: 6_000,
      phaseMs: 2_000,
      // One retry only, so some updates exhaust it: the give-up and resync paths run too.
      env: { ...DEFAULT_SOAK_OPTIONS.env, RETRY_MAX: '1' },
    });
    console.log(soakTable(report));

    expect(report.details).toEqual([]);
    expect({
      lost: report.lost,
      doubled: report.doubled,
      falselyConflicted: report.falselyConflicted,
      unexpected: report.unexpected,
      maxInFlightPerUser: report.maxInFlightPerUser,
    }).toEqual({ lost: 0, doubled: 0, falselyConflicted: 0, unexpected: 0, maxInFlightPerUser: 1 });
    // The run must have exercised something: acknowledged updates and injected faults.
    expect(report.acknowledged).toBeGreaterThan(50);
    expect(Object.keys(report.upstreamFaults).length).toBeGreaterThan(0);
  }, 30_000);
  it('writers sharing contacts with previous on every update under 10 % faults - merged, none lost, doubled or overwritten unseen', async () => {
    const report = await runMergeSoak({
      users: 4,
      durationMs: 6_000,
      phaseMs: 2_000,
      env: { ...DEFAULT_SOAK_OPTIONS.env, RETRY_MAX: '1' },
    });
    console.log(mergeSoakTable(report));

    expect(report.details).toEqual([]);
    expect({
      lost: report.lost,
      doubled: report.doubled,
      overwrittenUnseen: report.overwrittenUnseen,
      falselyConflicted: report.falselyConflicted,
      unexpected: report.unexpected,
      maxInFlightPerUser: report.maxInFlightPerUser,
    }).toEqual({
      lost: 0,
      doubled: 0,
      overwrittenUnseen: 0,
      falselyConflicted: 0,
      unexpected: 0,
      maxInFlightPerUser: 1,
    });
    // The run must have merged stale etags (the real conflicts on the shared field are counted).
    expect(report.merged).toBeGreaterThan(20);
  }, 30_000);
});
