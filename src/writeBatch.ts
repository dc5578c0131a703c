/**
 * Socket writes made together. A write to a peer on the same machine (a sidecar, a load balancer
 * on loopback) that sleeps in `epoll_wait` makes the kernel wake that peer inside the writer's
 * system call; on a virtual machine the wake-up (an inter-processor interrupt) costs more than
 * the write itself, and it was the largest single cost of an update through the gateway
 * (docs/performance.md). Writes that leave in one burst wake each peer once, not once per write.
 *
 * A write waits for the end of its turn of the event loop, or less: once the oldest write of a
 * batch has waited `maxWaitMs`, the next one sends the batch (`WRITE_BATCH_US`). Nothing is
 * reordered; with a wait of 0 every write leaves at once.
 */
export class WriteBatch {
  private pending: (() => void)[] = [];
  private startedAt = 0;

  constructor(private readonly maxWaitMs: number) {}

  /**
   * Runs `write` with the batch, in the order writes were queued. Resolves once it ran; rejects
   * with what it threw, and the other writes of the batch run all the same.
   */
  write(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const run = () => {
        try {
          write();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      if (this.maxWaitMs <= 0) {
        run();
      } else if (this.pending.push(run) === 1) {
        this.startedAt = performance.now();
        setImmediate(this.flush);
      } else if (performance.now() - this.startedAt >= this.maxWaitMs) {
        this.flush();
      }
    });
  }

  private readonly flush = (): void => {
    const batch = this.pending;
    this.pending = [];
    for (const run of batch) run();
  };
}

/** Every write at once: for clients of the transport outside the gateway (bench, tests). */
export const WRITE_AT_ONCE = new WriteBatch(0);
