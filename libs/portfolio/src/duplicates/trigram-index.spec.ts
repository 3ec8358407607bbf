import { IndexedText, TrigramIndex, TrigramIndexBuilder } from './trigram-index';
import { sharedCount, TrigramDictionary, trigramSimilarity } from './trigrams';

function build(texts: IndexedText[]): TrigramIndex {
  const builder = new TrigramIndexBuilder();
  for (const text of texts) builder.count(text);
  for (const text of texts) builder.fill(text);
  return builder.finish();
}

const text = (id: string, title: string, problem = 'nothing in common', version = 1): IndexedText => ({
  id,
  title,
  problem,
  version,
});

/** Every row scored one by one: what the index must answer. */
function scoreEveryRow(texts: IndexedText[], title: string, limit: number): { id: string; similarity: number }[] {
  const dictionary = new TrigramDictionary();
  const query = dictionary.trigramsOf(title);
  return texts
    .map((row) => {
      const trigrams = dictionary.trigramsOf(row.title);
      return { id: row.id, similarity: trigramSimilarity(sharedCount(query, trigrams), query.length, trigrams.length) };
    })
    .filter((row) => row.similarity >= 0.3)
    .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

describe('TrigramIndex', () => {
  // "solar" is in every title but one, so its list is kept inverted (the rows without it).
  const texts = [
    text('a3', 'solar pump for farms'),
    text('a1', 'solar pump for farms'),
    text('a2', 'solar pumps for farms'),
    text('b1', 'solar kiosk for schools'),
    text('c1', 'wind kiosk for ports'),
  ];

  it('answers what scoring every row answers, equal similarities by id, with lists kept either way', () => {
    const index = build(texts);
    for (const title of ['solar pump for farms', 'kiosk for schools', 'wind', 'pumps']) {
      expect({ title, found: index.search({ title }, 3, 0.3) }).toEqual({
        title,
        found: scoreEveryRow(texts, title, 3),
      });
    }
    expect(index.search({ title: 'solar pump for farms' }, 2, 0.3).map((row) => row.id)).toEqual(['a1', 'a3']);
  });

  it('takes the better of title and problem, and leaves out the excluded row', () => {
    const index = build([...texts, text('d1', 'unrelated', 'solar pump for farms')]);
    const found = index.search({ title: 'zzz', problem: 'solar pump for farms' }, 5, 0.3);
    expect(found).toEqual([{ id: 'd1', similarity: 1 }]);
    expect(index.search({ title: 'solar pump for farms' }, 5, 0.3, 'a1').map((row) => row.id)).toEqual([
      'a3',
      'a2',
      'b1',
    ]);
  });

  it('scores rows written since the build, keeps the newest version of each, and forgets removed ones', () => {
    const index = build(texts);
    index.upsert(text('a1', 'electric bus depot', 'x', 2));
    index.upsert(text('a1', 'solar pump for farms', 'x', 1)); // an older answer arriving late changes nothing
    index.upsert(text('e1', 'electric bus depots'));
    expect(index.search({ title: 'electric bus depot' }, 5, 0.3).map((row) => row.id)).toEqual(['a1', 'e1']);
    expect(index.search({ title: 'solar pump for farms' }, 5, 0.3).map((row) => row.id)).not.toContain('a1');

    index.remove('a3');
    index.remove('e1');
    expect(index.search({ title: 'solar pump for farms' }, 5, 0.3).map((row) => row.id)).toEqual(['a2', 'b1']);
    expect(index.search({ title: 'electric bus depot' }, 5, 0.3).map((row) => row.id)).toEqual(['a1']);
    expect([index.size, index.overlayRows]).toEqual([4, 1]);
  });

  it('finds nothing for an empty query or an empty index', () => {
    expect(build(texts).search({ title: '' }, 5, 0.3)).toEqual([]);
    expect(build([]).search({ title: 'solar pump' }, 5, 0.3)).toEqual([]);
  });
});
