/**
 * A per-user budget of upstream mutations per minute, so the gateway stays under Google's
 * per-user quota instead of meeting its 429s. Implementations: in process, or shared in Redis.
 */
import { gatewayThrottled } from './errors.js';

export type BudgetDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateBudget {
  take(user: string): Promise<BudgetDecision>;
}

/** A token bucket per user in process memory: `perMinute` calls, refilled continuously. */
export class MemoryRateBudget implements RateBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(user: string): Promise<BudgetDecision> {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(user) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(user, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return Promise.resolve({ ok: true });
    }
    return Promise.resolve({
      ok: false,
      retryAfterSeconds: Math.ceil((1 - bucket.tokens) / rate / 1000),
    });
  }
}

/** Takes one call from `user`'s budget, or throws the 429 that the mappers answer `RateLimited`. */
export async function spendRateBudget(budget: RateBudget | undefined, user: string): Promise<void> {
  const decision = await budget?.take(user);
  if (decision && !decision.ok) {
    throw gatewayThrottled(
      'This user has spent the gateway’s per-minute budget of People API updates.',
      decision.retryAfterSeconds,
    );
  }
}
