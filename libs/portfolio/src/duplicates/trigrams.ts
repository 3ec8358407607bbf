/**
 * pg_trgm's trigrams of a text that duplicate_text_norm() has already normalised (lower-case words one space
 * apart), as small integers, so the in-memory duplicate index compares exactly what similarity() compares.
 *
 * pg_trgm pads each word with two spaces in front and one behind and takes every three characters, once each.
 * A trigram of ASCII letters, digits and spaces is a number below ASCII_TRIGRAMS (base 37); any other trigram gets
 * the next free number from the dictionary. pg_trgm folds trigrams holding multi-byte characters into a 3-byte
 * CRC, so two distinct ones of those can count as one there and as two here: the search's final scores come from
 * PostgreSQL itself, and such a collision can at worst change which of two near-equal rows is proposed.
 */
const ALPHABET = 37;
export const ASCII_TRIGRAMS = ALPHABET * ALPHABET * ALPHABET;

/** Digit 0–9 → 1–10, a–z → 11–36, space → 0; -1 for anything else. */
function asciiCode(char: number): number {
  if (char === 32) return 0;
  if (char >= 48 && char <= 57) return char - 47;
  if (char >= 97 && char <= 122) return char - 86;
  return -1;
}

export class TrigramDictionary {
  private readonly others = new Map<string, number>();
  private scratch = new Int32Array(256);
  private count = 0;
  /** stamps[t] === stamp when trigram t is in the text read last: distinct trigrams without a set or a sort. */
  private stamps = new Int32Array(ASCII_TRIGRAMS);
  private stamp = 0;

  /** One more than the largest trigram number handed out so far. */
  get size(): number {
    return ASCII_TRIGRAMS + this.others.size;
  }

  /** The text's distinct trigram numbers, ascending. */
  trigramsOf(normalised: string): Int32Array {
    return this.read(normalised).slice().sort();
  }

  /**
   * The text's distinct trigram numbers in no order, in a buffer the next call reuses; contains() answers for
   * this text until then. The load reads every text twice with it.
   */
  read(normalised: string): Int32Array {
    if (this.scratch.length < normalised.length * 2 + 2) this.scratch = new Int32Array(normalised.length * 2 + 2);
    this.count = 0;
    if (++this.stamp >= 0x7ffffff0) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    if (!this.readAscii(normalised)) {
      this.count = 0;
      this.stamp++;
      for (const word of normalised.split(' ')) if (word !== '') this.readWord(word);
    }
    return this.scratch.subarray(0, this.count);
  }

  contains(trigram: number): boolean {
    return trigram < this.stamps.length && this.stamps[trigram] === this.stamp;
  }

  private add(trigram: number): void {
    if (trigram >= this.stamps.length) {
      const grown = new Int32Array(Math.max(trigram + 1, this.stamps.length * 2));
      grown.set(this.stamps);
      this.stamps = grown;
    }
    if (this.stamps[trigram] === this.stamp) return;
    this.stamps[trigram] = this.stamp;
    this.scratch[this.count++] = trigram;
  }

  /** Every word's trigrams, padding included, in one pass without building strings; false at the first other character. */
  private readAscii(text: string): boolean {
    let twoBack = 0;
    let oneBack = 0;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? asciiCode(text.charCodeAt(i)) : 0;
      if (code < 0) return false;
      if (code === 0 && oneBack === 0) continue; // not in a word: leading, trailing or repeated spaces
      this.add((twoBack * ALPHABET + oneBack) * ALPHABET + code);
      twoBack = code === 0 ? 0 : oneBack;
      oneBack = code;
    }
    return true;
  }

  private readWord(word: string): void {
    const chars = Array.from(`  ${word} `);
    for (let i = 0; i + 3 <= chars.length; i++) {
      const key = chars[i]! + chars[i + 1]! + chars[i + 2]!;
      const codes = [...key].map((ch) => asciiCode(ch.codePointAt(0)!));
      this.add(
        codes.every((code) => code >= 0)
          ? (codes[0]! * ALPHABET + codes[1]!) * ALPHABET + codes[2]!
          : this.otherNumber(key),
      );
    }
  }

  private otherNumber(key: string): number {
    let known = this.others.get(key);
    if (known === undefined) {
      known = this.size;
      this.others.set(key, known);
    }
    return known;
  }
}

/** pg_trgm's similarity(): shared trigrams over distinct trigrams of both, in float4 as pg_trgm computes it. */
export function trigramSimilarity(shared: number, sizeA: number, sizeB: number): number {
  if (sizeA <= 0 || sizeB <= 0) return 0;
  return Math.fround(shared / (sizeA + sizeB - shared));
}

/** How many numbers two ascending arrays have in common. */
export function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      shared++;
      i++;
      j++;
    }
  }
  return shared;
}
