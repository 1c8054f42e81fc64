/** Writes in progress (uploads, deletes, removal of stale variant files), so shutdown can wait for them. */

export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Keeps shutdown waiting until `work` settles; returns `work`. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work)).catch(() => undefined);
    return work;
  }

  /** Resolves once nothing tracked is pending, including work tracked while waiting. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
