/**
 * The search warm-up's write stamps in Redis (src/people/searchWarmth.ts), so replicas share
 * them: a write through one replica makes the next search through any replica warm up first.
 * Each replica still remembers on its own which users it warmed, so a user may be warmed once
 * per replica; that costs a call, never a missed contact.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { WriteStamps } from '../people/searchWarmth.js';

/** Far longer than a replica stays warm (10 minutes); an expired stamp only costs a warm-up. */
const STAMP_TTL_SECONDS = 24 * 60 * 60;

export class RedisWriteStamps implements WriteStamps {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly onError: (error: unknown, what: string) => void,
  ) {}

  private key(userKey: string): string {
    return `${this.prefix}search-stamp:${userKey}`;
  }

  /** Unreadable: a value no warm-up recorded, so the search warms up rather than miss a write. */
  async current(userKey: string): Promise<string> {
    try {
      return (await this.client.get(this.key(userKey))) ?? '';
    } catch (error) {
      this.onError(error, 'search stamp read');
      return `unreadable/${randomUUID()}`;
    }
  }

  /** A fresh random stamp: equal stamps can only mean no write in between. */
  async bump(userKey: string): Promise<void> {
    try {
      await this.client.set(this.key(userKey), randomUUID(), 'EX', STAMP_TTL_SECONDS);
    } catch (error) {
      this.onError(error, 'search stamp write');
    }
  }
}
