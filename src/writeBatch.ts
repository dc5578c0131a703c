/**
 * Socket writes made together, once per turn of the event loop. A write to a peer on the same
 * machine or LAN that sleeps in `epoll_wait` makes the kernel wake that peer inside the writer's
 * system call; on a virtual machine the wake-up (an inter-processor interrupt) costs more than
 * the write itself, and it was the largest single cost of an update through the gateway
 * (docs/performance.md). Written in one burst at the end of the turn, the answers to clients and
 * the requests to the People API that the turn's events produced wake each peer once, not once
 * per write. A write waits at most for the other events of its turn; none is reordered.
 */

let pending: (() => void)[] = [];

function flush(): void {
  const batch = pending;
  pending = [];
  for (const write of batch) write();
}

/**
 * Runs `write` at the end of this turn of the event loop (`setImmediate`), with every other write
 * queued in the turn, in the order they were queued. Resolves once it ran; rejects with what it
 * threw, and the other writes of the batch run all the same.
 */
export function writtenThisTurn(write: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const run = () => {
      try {
        write();
        resolve();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    if (pending.push(run) === 1) setImmediate(flush);
  });
}
