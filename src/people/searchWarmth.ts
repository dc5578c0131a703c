/**
 * Whether Google's search cache has seen a user's latest writes. `people.searchContacts` asks:
 * "Before searching, clients should send a warmup request with an empty query to update the
 * cache" (https://developers.google.com/people/api/rest/v1/people/searchContacts). The gateway
 * sends it before a user's first search and before the first search after any write it made for
 * that user, so a contact saved a moment ago is found; a second search with no write between
 * sends none.
 *
 * Every write stamps the user with a fresh value (`WriteStamps`); a warm-up records the stamp it
 * started under, and the user is warm while the stamp is unchanged. A write that overlaps a
 * warm-up changes the stamp, so the next search warms up again. Only hashed user keys are kept.
 */

/** The latest write per user: in process memory (one replica) or in Redis (shared). */
export interface WriteStamps {
  /** The user's stamp now; a fresh value after every `bump`. */
  current(userKey: string): Promise<string>;
  /** Records a write for the user. Never rejects: a failure is the caller's log line. */
  bump(userKey: string): Promise<void>;
}

/** At most this many users are remembered; an evicted user is simply warmed up again. */
export const DEFAULT_MAX_USERS = 10_000;

/**
 * Warm for at most this long: writes made elsewhere (the Contacts app, a phone) never stamp the
 * gateway's users, so their cache is refreshed now and then anyway.
 */
export const DEFAULT_WARM_FOR_MS = 10 * 60_000;

/** A map that forgets its oldest entry beyond `max`; reading does not refresh. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): V | undefined {
  map.delete(key);
  map.set(key, value);
  if (map.size <= max) return undefined;
  const oldest = map.keys().next().value as string;
  const evicted = map.get(oldest);
  map.delete(oldest);
  return evicted;
}

/** One replica's stamps. An eviction changes every forgotten user's stamp: never a false "warm". */
export class MemoryWriteStamps implements WriteStamps {
  private readonly stamps = new Map<string, string>();
  private sequence = 0;
  private evictions = 0;

  constructor(private readonly maxUsers = DEFAULT_MAX_USERS) {}

  current(userKey: string): Promise<string> {
    return Promise.resolve(this.stamps.get(userKey) ?? `unwritten/${this.evictions}`);
  }

  bump(userKey: string): Promise<void> {
    this.sequence += 1;
    if (remember(this.stamps, userKey, `write/${this.sequence}`, this.maxUsers) !== undefined) {
      this.evictions += 1;
    }
    return Promise.resolve();
  }
}

export interface SearchWarmthOptions {
  maxUsers?: number;
  warmForMs?: number;
  now?: () => number;
}

export class SearchWarmth {
  private readonly warm = new Map<string, { stamp: string; at: number }>();
  /** Warm-ups in flight, by user and stamp: concurrent first searches share one. */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly maxUsers: number;
  private readonly warmForMs: number;
  private readonly now: () => number;

  constructor(
    private readonly stamps: WriteStamps = new MemoryWriteStamps(),
    options: SearchWarmthOptions = {},
  ) {
    this.maxUsers = options.maxUsers ?? DEFAULT_MAX_USERS;
    this.warmForMs = options.warmForMs ?? DEFAULT_WARM_FOR_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs `warmUp` unless the user is warm (or joins the one in flight). Resolves to whether this
   * call waited for a warm-up; rejects with the warm-up's error.
   */
  async ensureWarm(userKey: string, warmUp: () => Promise<void>): Promise<boolean> {
    const stamp = await this.stamps.current(userKey);
    const entry = this.warm.get(userKey);
    if (entry?.stamp === stamp && this.now() - entry.at < this.warmForMs) return false;
    const key = `${userKey} ${stamp}`;
    let running = this.pending.get(key);
    if (!running) {
      const started = this.now();
      running = warmUp()
        .then(() => {
          remember(this.warm, userKey, { stamp, at: started }, this.maxUsers);
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    await running;
    return true;
  }

  /** A write for the user reached (or may have reached) Google: the next search warms up. */
  async wrote(userKey: string): Promise<void> {
    this.warm.delete(userKey);
    await this.stamps.bump(userKey);
  }
}
