/**
 * Group while busy: a request that arrives while `inFlight` earlier batches are on their way to the database
 * waits for one of them and then goes with every other waiting request in one batch. Idle, a request goes alone
 * at once, so batching costs no latency when there is nothing to share; under load most of PostgreSQL's cost is
 * per statement and per commit, which a batch pays once.
 */
export interface BatchOptions<I> {
  /** Batches on their way at once. */
  inFlight?: number;
  /** Items in one batch at most. */
  maxItems?: number;
  /** Items with the same key never share a batch (a later one waits for the next). */
  exclusiveKey?: (item: I) => string;
}

interface Waiting<I, O> {
  item: I;
  done(value: O): void;
  failed(e: unknown): void;
}

/** A batch answers each item in order: a value, or an Error for that item alone. */
export type RunBatch<I, O> = (items: I[]) => Promise<(O | Error)[]>;

export class Batcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private running = 0;
  private readonly inFlight: number;
  private readonly maxItems: number;

  constructor(
    private readonly run: RunBatch<I, O>,
    private readonly options: BatchOptions<I> = {},
  ) {
    this.inFlight = options.inFlight ?? 1;
    this.maxItems = options.maxItems ?? 32;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((done, failed) => {
      this.waiting.push({ item, done, failed });
      this.pump();
    });
  }

  private pump() {
    while (this.running < this.inFlight && this.waiting.length > 0) {
      const batch = this.take();
      this.running++;
      void this.send(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /** The oldest waiting items, at most one per exclusive key. */
  private take(): Waiting<I, O>[] {
    const keyOf = this.options.exclusiveKey;
    if (!keyOf) return this.waiting.splice(0, this.maxItems);
    const batch: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < this.waiting.length && batch.length < this.maxItems;) {
      const w = this.waiting[i]!;
      const key = keyOf(w.item);
      if (keys.has(key)) {
        i++;
        continue;
      }
      keys.add(key);
      batch.push(w);
      this.waiting.splice(i, 1);
    }
    return batch;
  }

  private async send(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const out = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        const o = out[i];
        if (o instanceof Error) b.failed(o);
        else b.done(o as O);
      });
    } catch (e) {
      for (const b of batch) b.failed(e);
    }
  }
}
