import { csvRows, LogFileError, parseLearningLog } from './learning-log-file';

describe('learning log files', () => {
  it("reads CSV with quoted commas, doubled quotes and line breaks, keeping each row's first line", () => {
    const text = 'observed,belief,decision,confidence\n"a, b","say ""yes""",persevere,high\n"two\nlines",x,pivot,low\n';
    expect(parseLearningLog('log.csv', text, 'i-1')).toEqual([
      {
        line: 2,
        entry: {
          type: 'learning',
          initiativeId: 'i-1',
          observed: 'a, b',
          belief: 'say "yes"',
          decision: 'persevere',
          confidence: 'high',
        },
      },
      {
        line: 3,
        entry: {
          type: 'learning',
          initiativeId: 'i-1',
          observed: 'two\nlines',
          belief: 'x',
          decision: 'pivot',
          confidence: 'low',
        },
      },
    ]);
  });

  it('reads NDJSON, skipping blank lines but counting them', () => {
    const text = '{"observed":"a"}\n\n{"observed":"b"}\r\n';
    expect(parseLearningLog('log.ndjson', text, 'i-1').map((e) => [e.line, e.entry.observed])).toEqual([
      [1, 'a'],
      [3, 'b'],
    ]);
  });

  it('names the line that is not JSON, and refuses an unclosed quote', () => {
    expect(() => parseLearningLog('log.ndjson', '{"a":1}\nnope', 'i')).toThrow(new LogFileError('Line 2 is not JSON'));
    expect(() => csvRows('a,"b\n')).toThrow(LogFileError);
  });
});
