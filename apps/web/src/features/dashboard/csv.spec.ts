import { csvCell, csvFileName, initiativesCsv } from './csv';

describe('the click-through list as CSV', () => {
  it('quotes like the API exports and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-1 idea')).toBe("'-1 idea");
    expect(csvCell(-260)).toBe('-260');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header row and one CRLF line per initiative', () => {
    const csv = initiativesCsv([
      {
        id: 'i1',
        title: 'Solar, roof',
        stage: 'develop',
        status: 'active',
        ambition: 'core',
        horizon: 'H1',
        ecv: 2300000,
      },
      {
        id: 'i2',
        title: 'Carbon',
        stage: 'explore',
        status: 'active',
        ambition: 'transformational',
        horizon: 'H3',
        ecv: null,
      },
    ]);
    expect(csv).toBe(
      'id,title,stage,status,ambition,horizon,ecv\r\ni1,"Solar, roof",develop,active,core,H1,2300000\r\ni2,Carbon,explore,active,transformational,H3,\r\n',
    );
  });

  it('names the file after the list', () => {
    expect(csvFileName('Kill at G1')).toBe('initiatives-kill-at-g1.csv');
    expect(csvFileName('In Experiment')).toBe('initiatives-in-experiment.csv');
    expect(csvFileName('***')).toBe('initiatives-list.csv');
  });
});
