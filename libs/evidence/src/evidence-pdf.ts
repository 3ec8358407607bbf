import { setImmediate as nextTurn } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { EvidenceIndex, EvidenceRecord } from './domain/evidence-index';

/** Records laid out between two turns of the event loop: a year's PDF must not stall the API's other requests. */
const RECORDS_PER_TURN = 200;

/** Renders into memory; pdfkit streams its chunks, which are joined once at the end. */
function render(title: string, draw: (pdf: PDFKit.PDFDocument) => Promise<void>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Producer: 'Ambidex' } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    draw(pdf).then(() => pdf.end(), reject);
  });
}

function heading(pdf: PDFKit.PDFDocument, text: string, size = 14): void {
  pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text).font('Helvetica').fontSize(9).moveDown(0.3);
}

/**
 * One text call per record: pdfkit's cost is per call (layout, font state), and a year holds tens of thousands of
 * records. The first line is bold, its detail lines indented below it.
 */
function recordLines(pdf: PDFKit.PDFDocument, record: EvidenceRecord): void {
  const e = record.entry;
  pdf
    .font('Helvetica-Bold')
    .text(`${e.occurredAt.slice(0, 19).replace('T', ' ')} UTC  ${e.action}  by ${e.actorLabel}`);
  const lines = [
    `Record: ${e.entityType} ${e.entityId}${record.link === null ? '' : `  (console ${record.link})`}`,
    `Content hash: ${record.contentHash}  (chain ${e.chainKey} #${e.seq})`,
    ...record.signatures.map(
      (s) =>
        `Signed by ${s.signer}, ${s.signedAt.slice(0, 16).replace('T', ' ')} UTC, meaning: ${s.meaning}; signed hash ${s.signedHash}`,
    ),
  ];
  pdf.font('Helvetica').text(lines.join('\n'), { indent: 12, paragraphGap: 3 });
}

/** The evidence PDF: the coverage summary first (what is missing stands out), then clause by clause. */
export function evidencePdf(index: EvidenceIndex): Promise<Buffer> {
  const byId = new Map(index.records.map((r) => [r.id, r]));
  const shownUnder = new Map<string, string>();
  let laidOut = 0;
  return render(`Evidence ${index.from} to ${index.to}`, async (pdf) => {
    heading(pdf, `Evidence for auditors: ${index.from} to ${index.to}`, 18);
    pdf.text(
      `Generated ${index.generatedAt} from the hash-chained audit trail. ${index.records.length} record(s). ` +
        'Each content hash can be checked against the trail with: npm run audit:verify -- --evidence <the ZIP export>.',
    );
    heading(pdf, 'Coverage');
    const covered = index.clauses.filter((c) => c.records.length > 0);
    pdf.text(`${covered.length} of ${index.clauses.length} clauses have evidence in the period.`);
    for (const c of index.clauses)
      pdf
        .fillColor(c.records.length === 0 ? '#b00020' : 'black')
        .text(`${c.title}: ${c.records.length === 0 ? 'NO EVIDENCE IN THE PERIOD' : `${c.records.length} record(s)`}`);
    pdf.fillColor('black');
    for (const c of index.clauses) {
      pdf.addPage();
      heading(pdf, c.title);
      if (c.records.length === 0) pdf.fillColor('#b00020').text('No evidence in the period.').fillColor('black');
      for (const id of c.records) {
        const record = byId.get(id);
        if (record === undefined) continue;
        laidOut += 1;
        if (laidOut % RECORDS_PER_TURN === 0) await nextTurn();
        // A record evidencing several clauses is written out once; later clauses point back to it.
        const first = shownUnder.get(id);
        if (first === undefined) {
          recordLines(pdf, record);
          shownUnder.set(id, c.title);
        } else
          pdf.text(
            `${record.entry.occurredAt.slice(0, 19).replace('T', ' ')} UTC  ${record.entry.action}: see ${first}`,
          );
      }
    }
  });
}
