import { buildTraceGraph, describeNode, rowNodes } from './trace-graph';
import { A_PACKAGE, A_TRACE, aDocument, aPackage, aRevision } from './trace-fixtures';

describe('trace graph', () => {
  const graph = buildTraceGraph(A_TRACE, A_PACKAGE);
  const node = (id: string) => graph.nodes.find((n) => n.id === id);

  it('draws one box per thing, each in its column, linked to its page', () => {
    expect(graph.nodes.map((n) => [n.id, n.column, n.href])).toEqual([
      ['assumption:a1', 'assumption', '/initiatives/ini-1/experiments#assumptions'],
      ['experiment:e1', 'experiment', '/initiatives/ini-1/experiments#experiments'],
      ['learning:l1', 'learning', '/initiatives/ini-1/experiments#learnings'],
      ['requirement:REQ-001', 'requirement', '/packages/pkg-1#requirements'],
      ['document:d1', 'document', '/documents/d1'],
      ['training:d1', 'training', '/documents/d1#revisions'],
      ['document:d2', 'document', '/documents/d2'],
      ['training:d2', 'training', '/documents/d2#revisions'],
      ['assumption:a3', 'assumption', '/initiatives/ini-1/experiments#assumptions'],
    ]);
    expect(node('document:d1')).toMatchObject({
      heading: 'SOP-0001',
      text: 'Kiosk check-in procedure',
      status: 'effective, revision 1',
    });
    expect(node('document:d2')?.status).toBe('controlled, not effective yet');
    expect(node('training:d1')?.status).toBe('1 of 2 acknowledged');
    expect(node('training:d2')?.status).toBe('none until effective');
  });

  it('links each stage of a chain to the next, each document to its training, and an untested risk to the documents citing it', () => {
    expect(graph.edges.map((e) => `${e.from} > ${e.to}${e.risk ? ' (risk)' : ''}`)).toEqual([
      'document:d1 > training:d1',
      'document:d2 > training:d2',
      'assumption:a1 > experiment:e1',
      'experiment:e1 > learning:l1',
      'learning:l1 > requirement:REQ-001',
      'requirement:REQ-001 > document:d1',
      'requirement:REQ-001 > document:d2',
      'assumption:a3 > document:d1 (risk)',
    ]);
  });

  it('attaches every gap to its box: documents by number, training to the training box, untested risks to their assumption', () => {
    expect(graph.gaps.map((g) => [g.kind, g.nodeId])).toEqual([
      ['document_not_effective', 'document:d2'],
      ['training_not_done', 'training:d1'],
      ['assumption_untested', 'assumption:a3'],
    ]);
    expect(node('assumption:a3')?.gaps.map((g) => g.subject)).toEqual(['RISK-002']);
    expect(node('requirement:REQ-001')?.gaps).toEqual([]);
  });

  it('lists the same boxes as rows for the text alternative, with the gaps of each row', () => {
    expect(graph.rows.map((r) => rowNodes(r).map((n) => n.id))).toEqual([
      [
        'assumption:a1',
        'experiment:e1',
        'learning:l1',
        'requirement:REQ-001',
        'document:d1',
        'document:d2',
        'training:d1',
        'training:d2',
      ],
      ['assumption:a3', 'document:d1', 'training:d1'],
    ]);
    expect(graph.rows.map((r) => r.gaps.map((g) => g.kind))).toEqual([
      ['document_not_effective', 'training_not_done'],
      ['training_not_done', 'assumption_untested'],
    ]);
    const everyBox = new Set(graph.rows.flatMap((r) => rowNodes(r).map((n) => n.id)));
    expect(graph.nodes.filter((n) => !everyBox.has(n.id))).toEqual([]);
  });

  it('says everything about a box in words, gaps included, naming its kind once', () => {
    expect(describeNode(node('document:d2')!)).toBe(
      'Document WI-0001. Kiosk work instruction. controlled, not effective yet. Gap: Document not effective, no effective revision yet',
    );
    expect(describeNode(node('assumption:a1')!)).toBe('Assumption. Patients use the kiosk. validated');
    expect(describeNode(node('training:d1')!)).toBe(
      'Training. on SOP-0001. 1 of 2 acknowledged. Gap: Training not done, 1 of 2 not acknowledged',
    );
  });

  it('keeps a document that cites nothing in a row of its own, and a gap on a requirement without evidence', () => {
    const orphan = aDocument({
      id: 'd9',
      number: null,
      title: 'Orphan specification',
      status: 'draft_in_package',
      revisions: [aRevision('draft')],
    });
    const bare = buildTraceGraph(
      {
        origin: null,
        chains: [
          {
            requirement: { key: 'REQ-002', text: 'r' },
            assumption: null,
            experiments: [],
            learnings: [],
            documents: [],
            training: { assigned: 0, acknowledged: 0 },
          },
        ],
        gaps: [
          { kind: 'requirement_without_evidence', subject: 'REQ-002', detail: 'no validating experiment linked' },
          {
            kind: 'document_without_source',
            subject: 'Orphan specification',
            detail: 'cites no assumption or requirement',
          },
          { kind: 'document_flagged', subject: 'SOP-0404', detail: 'not in this package' },
        ],
      },
      aPackage({ documents: [orphan] }),
    );
    expect(bare.gaps.map((g) => [g.kind, g.nodeId])).toEqual([
      ['requirement_without_evidence', 'requirement:REQ-002'],
      ['document_without_source', 'document:d9'],
      ['document_flagged', null],
    ]);
    expect(bare.rows.map((r) => rowNodes(r).map((n) => n.id))).toEqual([
      ['requirement:REQ-002'],
      ['document:d9', 'training:d9'],
    ]);
    expect(bare.nodes.find((n) => n.id === 'document:d9')).toMatchObject({
      heading: 'Unnumbered',
      status: 'draft in the package',
    });
    expect(bare.edges).toEqual([{ from: 'document:d9', to: 'training:d9', risk: false }]);
  });

  it('says nobody was assigned when an effective document has no training', () => {
    const lonely = aDocument({
      id: 'd5',
      number: 'CP-0001',
      citedAssumptionIds: [],
      revisions: [aRevision('effective')],
    });
    const g = buildTraceGraph({ origin: null, chains: [], gaps: [] }, aPackage({ documents: [lonely] }));
    expect(g.nodes.find((n) => n.id === 'training:d5')?.status).toBe('nobody assigned');
  });
});
