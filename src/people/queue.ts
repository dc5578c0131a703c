/**
 * Per-user mutation queue: Google asks that "mutate requests for the same user should be sent
 * sequentially to avoid increased latency and failures" (discovery document, every mutate
 * method). Mutations of one user run one at a time in arrival order; users run in parallel.
 * Bounded: at most `maxWaiting` queued per user and none waits longer than `maxWaitMs`.
 */

/** Runs one user's mutations one at a time, in arrival order (in process, or across replicas). */
export interface MutationQueue {
  /** Runs `mutation` once every earlier mutation of `user` has finished; may reject with QueueRejected. */
  run<T>(user: string, mutation: () => Promise<T>): Promise<T>;
  /** Mutations in flight or waiting on this replica. */
  readonly depth: number;
}

export interface QueueLimits {
  maxWaiting: number;
  maxWaitMs: number;
}

/** The queue would not take or could not start the mutation in time: the caller is told to wait. */
export class QueueRejected extends Error {
  override name = 'QueueRejected';
  constructor(
    readonly why: 'full' | 'timeout',
    readonly retryAfterSeconds: number,
  ) {
    super(
      why === 'full' ? 'too many mutations waiting for this user' : 'waited too long in the queue',
    );
  }
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

interface Lane {
  running: boolean;
  waiting: Waiter[];
}

export class UserMutationQueue implements MutationQueue {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly limits: QueueLimits) {}

  /** Mutations in flight or waiting, all users together (for metrics and tests). */
  get depth(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.waiting.length + (lane.running ? 1 : 0);
    return n;
  }

  async run<T>(user: string, mutation: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(user) ?? { running: false, waiting: [] };
    this.lanes.set(user, lane);
    if (lane.running) await this.wait(lane);
    lane.running = true;
    try {
      return await mutation();
    } finally {
      this.next(user, lane);
    }
  }

  private wait(lane: Lane): Promise<void> {
    const seconds = Math.ceil(this.limits.maxWaitMs / 1000);
    if (lane.waiting.length >= this.limits.maxWaiting) {
      return Promise.reject(new QueueRejected('full', seconds));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          lane.waiting.splice(lane.waiting.indexOf(waiter), 1);
          reject(new QueueRejected('timeout', seconds));
        }, this.limits.maxWaitMs),
      };
      lane.waiting.push(waiter);
    });
  }

  private next(user: string, lane: Lane): void {
    const waiter = lane.waiting.shift();
    if (waiter) {
      waiter.start(); // `running` stays true: the lane passes straight to the next mutation.
      return;
    }
    lane.running = false;
    this.lanes.delete(user);
  }
}
