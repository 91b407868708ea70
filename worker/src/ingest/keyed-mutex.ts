/**
 * Runs tasks of the same key one after another (tasks of different keys run freely). Within one isolate
 * or process this turns simultaneous reports of one cluster scope into a queue, so they do not all
 * compute a write only one of them can land; across isolates the store's version check still decides.
 *
 * @example
 * const lock = keyedMutex();
 * await lock.run('org|cluster|ns', () => ingest());
 */
export function keyedMutex() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const current = previous.then(task, task);
      // The chain ends in a settled promise either way, so one failure does not fail the queue.
      const tail = current.catch(() => undefined);
      tails.set(key, tail);
      try {
        return await current;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
