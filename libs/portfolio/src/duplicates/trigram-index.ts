import { ASCII_TRIGRAMS, sharedCount, TrigramDictionary, trigramSimilarity } from './trigrams';

/** One initiative's texts as initiative_duplicate_texts holds them: already normalised. */
export interface IndexedText {
  id: string;
  title: string;
  problem: string;
  version: number;
}

export interface TrigramMatch {
  id: string;
  similarity: number;
}

/** The texts searched: normalised, and each one only when given. */
export interface TrigramQuery {
  title?: string;
  problem?: string;
}

/**
 * Rows per trigram for one field of the rows loaded at build: rows[offsets[t]] to rows[offsets[t + 1] - 1]. A
 * trigram in more than half the rows lists the rows that lack it instead (`inverted`): at most half as long.
 */
interface Postings {
  offsets: Int32Array;
  rows: Int32Array;
  inverted: Uint8Array;
  sizes: Int32Array;
}

type Field = 'title' | 'problem';
const FIELDS: readonly Field[] = ['title', 'problem'];

/**
 * Every initiative's title and problem as pg_trgm trigrams, in memory, for an exact top-k similarity search that
 * does not depend on how alike the texts are (docs/query-plans.md). A search counts, for every row, the trigrams it
 * shares with the query by walking the query's trigram lists, then scores every row. The rows loaded at build live
 * in flat inverted lists; a row written since lives in a small overlay, scored directly, and its built copy is
 * marked stale. The owner rebuilds once the overlay has grown.
 */
export class TrigramIndex {
  private readonly ids: string[];
  private readonly rowOf: Map<string, number>;
  private readonly versions: number[];
  private readonly stale: Uint8Array;
  private readonly overlay = new Map<number, Record<Field, Int32Array>>();
  private readonly shared: Record<Field, Int32Array>;

  constructor(
    readonly dictionary: TrigramDictionary,
    private readonly built: Record<Field, Postings>,
    ids: string[],
    versions: number[],
  ) {
    this.ids = ids;
    this.versions = versions;
    this.rowOf = new Map(ids.map((id, row) => [id, row]));
    this.stale = new Uint8Array(ids.length);
    this.shared = { title: new Int32Array(ids.length), problem: new Int32Array(ids.length) };
  }

  get builtRows(): number {
    return this.stale.length;
  }

  /** Initiatives held. */
  get size(): number {
    return this.rowOf.size;
  }

  get overlayRows(): number {
    return this.overlay.size;
  }

  /** Takes a row's current texts; an older version than the one held changes nothing (searches may answer out of order). */
  upsert(text: IndexedText): void {
    let row = this.rowOf.get(text.id);
    if (row !== undefined && this.versions[row]! >= text.version) return;
    if (row === undefined) {
      row = this.ids.push(text.id) - 1;
      this.versions.push(text.version);
      this.rowOf.set(text.id, row);
    }
    this.versions[row] = text.version;
    if (row < this.builtRows) this.stale[row] = 1;
    this.overlay.set(row, {
      title: this.dictionary.trigramsOf(text.title),
      problem: this.dictionary.trigramsOf(text.problem),
    });
  }

  /** Forgets an initiative that no longer exists. */
  remove(id: string): void {
    const row = this.rowOf.get(id);
    if (row === undefined) return;
    this.rowOf.delete(id);
    this.overlay.delete(row);
    if (row < this.builtRows) this.stale[row] = 1;
  }

  /**
   * The `limit` rows with the best similarity to any text given, at `threshold` or above, best first, equal
   * similarities by id (as PostgreSQL orders uuids); `excludeId` is left out.
   */
  search(query: TrigramQuery, limit: number, threshold: number, excludeId?: string): TrigramMatch[] {
    const asked = FIELDS.filter((field) => (query[field] ?? '') !== '').map((field) => ({
      field,
      trigrams: this.dictionary.trigramsOf(query[field]!),
    }));
    if (asked.length === 0) return [];
    const best = new BestMatches(limit, threshold);
    for (const { field, trigrams } of asked) this.countShared(field, trigrams);
    const excluded = excludeId === undefined ? -1 : (this.rowOf.get(excludeId) ?? -1);
    const [first, second] = asked;
    const firstShared = this.shared[first!.field];
    const firstSizes = this.built[first!.field].sizes;
    const firstSize = first!.trigrams.length;
    for (let row = 0; row < this.builtRows; row++) {
      if (this.stale[row] === 1 || row === excluded) continue;
      let score = trigramSimilarity(firstShared[row]!, firstSize, firstSizes[row]!);
      if (second !== undefined) {
        const other = trigramSimilarity(
          this.shared[second.field][row]!,
          second.trigrams.length,
          this.built[second.field].sizes[row]!,
        );
        if (other > score) score = other;
      }
      best.offer(score, this.ids[row]!);
    }
    for (const [row, texts] of this.overlay) {
      if (row === excluded) continue;
      let score = 0;
      for (const { field, trigrams } of asked) {
        const similarity = trigramSimilarity(sharedCount(trigrams, texts[field]), trigrams.length, texts[field].length);
        if (similarity > score) score = similarity;
      }
      best.offer(score, this.ids[row]!);
    }
    return best.matches();
  }

  /** shared[field][row] = how many of the query's trigrams the built row's text has. */
  private countShared(field: Field, trigrams: Int32Array): void {
    const shared = this.shared[field];
    const { offsets, rows, inverted } = this.built[field];
    const known = offsets.length - 1;
    let everyRow = 0;
    for (const trigram of trigrams) if (trigram < known && inverted[trigram] === 1) everyRow++;
    shared.fill(everyRow);
    for (const trigram of trigrams) {
      if (trigram >= known) continue;
      const end = offsets[trigram + 1]!;
      const step = inverted[trigram] === 1 ? -1 : 1;
      for (let at = offsets[trigram]!; at < end; at++) shared[rows[at]!]! += step;
    }
  }
}

function grown(counts: Int32Array, size: number): Int32Array {
  const larger = new Int32Array(Math.max(size, counts.length * 2));
  larger.set(counts);
  return larger;
}

/** The best `limit` scores at or above a threshold; ties go to the smaller id. */
class BestMatches {
  private readonly kept: TrigramMatch[] = [];

  constructor(
    private readonly limit: number,
    private readonly threshold: number,
  ) {}

  offer(similarity: number, id: string): void {
    if (similarity < this.threshold || this.limit <= 0) return;
    const full = this.kept.length >= this.limit;
    const last = this.kept[this.kept.length - 1];
    if (full && last !== undefined && !ranksBefore(similarity, id, last)) return;
    let at = this.kept.length;
    while (at > 0 && ranksBefore(similarity, id, this.kept[at - 1]!)) at--;
    this.kept.splice(at, 0, { id, similarity });
    if (this.kept.length > this.limit) this.kept.pop();
  }

  matches(): TrigramMatch[] {
    return this.kept;
  }
}

function ranksBefore(similarity: number, id: string, other: TrigramMatch): boolean {
  return similarity > other.similarity || (similarity === other.similarity && id < other.id);
}

/**
 * Builds a TrigramIndex in two passes over the same rows in the same order, so the inverted lists are allocated
 * once at their exact size: count() every row, then fill() every row, then finish().
 */
export class TrigramIndexBuilder {
  private readonly dictionary = new TrigramDictionary();
  private readonly ids: string[] = [];
  private readonly versions: number[] = [];
  private readonly counts: Record<Field, Int32Array> = {
    title: new Int32Array(ASCII_TRIGRAMS),
    problem: new Int32Array(ASCII_TRIGRAMS),
  };
  private readonly sizes: Record<Field, number[]> = { title: [], problem: [] };
  private postings: Record<Field, Postings> | null = null;
  private readonly inverted: Record<Field, number[]> = { title: [], problem: [] };
  private filled = 0;

  count(text: IndexedText): void {
    this.ids.push(text.id);
    this.versions.push(text.version);
    for (const field of FIELDS) {
      const trigrams = this.dictionary.read(text[field]);
      this.sizes[field].push(trigrams.length);
      let counts = this.counts[field];
      if (counts.length < this.dictionary.size) {
        counts = this.counts[field] = grown(counts, this.dictionary.size);
      }
      for (const trigram of trigrams) counts[trigram]!++;
    }
  }

  fill(text: IndexedText): void {
    const postings = (this.postings ??= { title: this.allocate('title'), problem: this.allocate('problem') });
    const row = this.filled++;
    if (this.ids[row] !== text.id)
      throw new Error(`the second pass met ${text.id} where the first met ${this.ids[row]}`);
    for (const field of FIELDS) {
      const { offsets, rows, inverted } = postings[field];
      // offsets[t + 1] is the write position of trigram t until the lists are full, then the end of t's list.
      for (const trigram of this.dictionary.read(text[field])) {
        if (inverted[trigram] === 0) rows[offsets[trigram + 1]!++] = row;
      }
      for (const trigram of this.inverted[field]) {
        if (!this.dictionary.contains(trigram)) rows[offsets[trigram + 1]!++] = row;
      }
    }
  }

  finish(): TrigramIndex {
    if (this.filled !== this.ids.length) throw new Error(`filled ${this.filled} of ${this.ids.length} rows`);
    const postings = this.postings ?? { title: this.allocate('title'), problem: this.allocate('problem') };
    return new TrigramIndex(this.dictionary, postings, this.ids, this.versions);
  }

  /** Offsets shifted by one, ready for fill(): offsets[t + 1] starts at the beginning of t's list. */
  private allocate(field: Field): Postings {
    const counts = this.counts[field];
    const trigrams = this.dictionary.size;
    const offsets = new Int32Array(trigrams + 1);
    const inverted = new Uint8Array(trigrams);
    let total = 0;
    for (let trigram = 0; trigram < trigrams; trigram++) {
      offsets[trigram + 1] = total;
      let listed = trigram < counts.length ? counts[trigram]! : 0;
      if (listed > this.ids.length / 2) {
        inverted[trigram] = 1;
        this.inverted[field].push(trigram);
        listed = this.ids.length - listed;
      }
      total += listed;
    }
    return { offsets, rows: new Int32Array(total), inverted, sizes: Int32Array.from(this.sizes[field]) };
  }
}
