/**
 * One writer at a time. PGlite is a single connection, and durability
 * (journal append + fsync) must happen in commit order, so every command
 * runs through this queue; reads do not.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const next = this.tail.then(task, task);
    this.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next.finally(() => {
      this.pending -= 1;
    });
  }

  get size(): number {
    return this.pending;
  }

  /** Resolves when everything queued so far has finished (used on clean stop). */
  async drain(): Promise<void> {
    await this.tail;
  }
}
