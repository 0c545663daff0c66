const settle = () => undefined;

/**
 * Orders work by name: work on one name runs one at a time, in the order asked, while work on
 * other names runs alongside; work that needs every name (`alone`) waits for all that was asked
 * before it, and all asked after it waits for it.
 */
export class NameLocks {
  readonly #tails = new Map<string, Promise<void>>();
  #all: Promise<void> = Promise.resolve();

  /** Runs `work` once the work asked before on `name`, and any `alone` asked before, has ended. */
  run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const turn = Promise.all([this.#tails.get(name), this.#all]).then(work);
    const tail = turn.then(settle, settle);
    this.#tails.set(name, tail);
    void tail.then(() => {
      if (this.#tails.get(name) === tail) this.#tails.delete(name);
    });
    return turn;
  }

  /** Runs `work` once all work asked before, on any name, has ended; work asked meanwhile waits for it. */
  alone<T>(work: () => Promise<T>): Promise<T> {
    const turn = Promise.all([this.#all, ...this.#tails.values()]).then(work);
    this.#all = turn.then(settle, settle);
    return turn;
  }
}
