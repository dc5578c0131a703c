/**
 * Start-up (building the federation schema above all) keeps many objects alive at once, and V8
 * answers by growing the young generation from 1 to 16 MB, memory the idle gateway then keeps
 * resident (about 9 MB of RSS). Its growth is held while the gateway starts and resumes once it
 * listens (`startupDone`), so load still finds the young generation it needs. V8 reads the flag
 * at each growth decision: https://github.com/v8/v8/blob/main/src/flags/flag-definitions.h
 * (`semi_space_growth_factor`, 2 by default). Imported first by src/main.ts, so that it runs
 * before the modules that start-up loads.
 */
import { setFlagsFromString } from 'node:v8';

const DEFAULT_GROWTH_FACTOR = 2;

setFlagsFromString('--semi-space-growth-factor=1');

export function startupDone(): void {
  setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
}
