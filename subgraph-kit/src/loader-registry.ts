import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use and keyed by name. Every entity reference and every
 * list-by-parent field goes through one of these, so a page of N children costs one SQL statement per
 * field family instead of N.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 10_000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Rows grouped by a parent key: one query for all keys in the batch, `[]` for keys without rows. */
  many<K, R>(name: string, fetch: (keys: K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R[]> {
    return this.get<K, R[]>(name, async (keys) => {
      const rows = await fetch([...keys]);
      const byKey = new Map<K, R[]>();
      for (const row of rows) {
        const k = keyOf(row);
        const list = byKey.get(k);
        if (list) list.push(row);
        else byKey.set(k, [row]);
      }
      return keys.map((k) => byKey.get(k) ?? []);
    });
  }

  /** At most one row per key: one query for all keys in the batch, `null` for keys without a row. */
  one<K, R>(name: string, fetch: (keys: K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
    return this.get<K, R | null>(name, async (keys) => {
      const rows = await fetch([...keys]);
      const byKey = new Map<K, R>();
      for (const row of rows) byKey.set(keyOf(row), row);
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }
}
