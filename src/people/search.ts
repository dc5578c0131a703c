/**
 * `people.searchContacts` (https://developers.google.com/people/api/rest/v1/people/searchContacts)
 * with the warm-up Google asks for: an empty-query request before the user's first search and
 * before the first search after a write through the gateway (src/people/searchWarmth.ts), so a
 * contact saved a moment ago is found. A first search costs 2 calls, the next ones 1.
 */
import type { PeopleCalls } from './calls.js';
import type { SearchWarmth } from './searchWarmth.js';
import type { Person } from './types.js';

/** "Values greater than 30 will be capped to 30": the gateway refuses them instead. */
export const SEARCH_PAGE_SIZE_LIMIT = 30;

export class ContactSearch {
  /** Without `warmth` (a client built outside the gateway), every search warms up first. */
  constructor(
    private readonly calls: PeopleCalls,
    private readonly warmth?: SearchWarmth,
  ) {}

  /**
   * The caller's contacts matching `query`, read with `readMask`. An empty query is Google's
   * warm-up itself: it is sent when the user is not warm, and finds nothing.
   */
  async contacts(query: string, pageSize: number, readMask: string): Promise<Person[]> {
    const warmUp = async (): Promise<void> => {
      await this.send('', pageSize, readMask, 'searchContacts.warmUp');
    };
    if (this.warmth) await this.warmth.ensureWarm(this.calls.userKey, warmUp);
    else await warmUp();
    if (query.trim() === '') return [];
    const data = await this.send(query, pageSize, readMask, 'searchContacts');
    return (data.results ?? []).flatMap((result) => (result.person ? [result.person] : []));
  }

  private send(query: string, pageSize: number, readMask: string, method: string) {
    const { api, options } = this.calls;
    const params = { query, pageSize, readMask };
    return this.calls.read(() => api.people.searchContacts(params, options()), method);
  }
}
