/**
 * Runs `work` over the items, at most `limit` at a time. After a failure it starts no more, waits
 * for the work in flight to settle, then rejects with the first error: nothing is still running
 * once it has returned.
 */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      try {
        await work(items[next++] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = settled.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
}

/**
 * `items` in consecutive batches of at most `maxCount` items whose `sizeOf` add up to at most
 * `maxSize`; an item larger than `maxSize` is a batch of its own. Lazy: an item is taken when its
 * batch is made.
 */
export function* batchesOf<T>(
  items: Iterable<T>,
  maxCount: number,
  maxSize = Number.POSITIVE_INFINITY,
  sizeOf: (item: T) => number = () => 0,
): Generator<T[]> {
  let batch: T[] = [];
  let size = 0;
  for (const item of items) {
    const itemSize = sizeOf(item);
    if (batch.length > 0 && (batch.length >= maxCount || size + itemSize > maxSize)) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(item);
    size += itemSize;
  }
  if (batch.length > 0) yield batch;
}

/** `work`, run at most `limit` calls at a time; the calls beyond wait their turn, in the order made. */
export function limited<A extends unknown[], T>(
  limit: number,
  work: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  const waiting: (() => void)[] = [];
  let running = 0;
  return async (...args) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work(...args);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
