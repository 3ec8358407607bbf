/**
 * Overviews already computed, per portfolio, read-model version (refreshedAt) and filters. Exact, not a
 * time-based cache: the read model changes only when a refresh commits a new refreshedAt, and a new version is a new
 * key. Zombies depend on the time of the request and are never cached. Least recently used entries go first.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  static key(portfolioId: string, refreshedAt: Date, filters: unknown): string {
    return `${portfolioId}|${refreshedAt.getTime()}|${JSON.stringify(filters)}`;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
