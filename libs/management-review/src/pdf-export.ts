import PDFDocument from 'pdfkit';
import { clauseTitle } from './domain/management-review-rules';
import { ManagementReviewView } from './management-review-queries';
import { figures } from './pdf-figures';

/** Renders a PDF into memory; a review is a few pages (lists in the pack are capped). */
function render(draw: (pdf: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: 'Ambidex management review', Producer: 'Ambidex' },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    draw(pdf);
    pdf.end();
  });
}

function heading(pdf: PDFKit.PDFDocument, text: string, size = 14): void {
  pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text, 50).font('Helvetica').fontSize(10).moveDown(0.3);
}

/** The review as a record: the pack by clause, the outputs, the signature manifestations. */
export function managementReviewPdf(review: ManagementReviewView, scopeName: string | null): Promise<Buffer> {
  return render((pdf) => {
    heading(pdf, `${review.number} — Management review of ${review.meetingOn}`, 16);
    pdf.text(`Period ${review.periodFrom} to ${review.periodTo}   Status: ${review.status}`);
    pdf.text(
      `Scope: ${scopeName ?? 'every portfolio'}${review.ambition === null ? '' : `, ambition ${review.ambition}`}${review.horizon === null ? '' : `, horizon ${review.horizon}`}`,
    );
    pdf.text(`Pack SHA-256: ${review.packSha256 ?? 'not assembled'}`);
    heading(pdf, 'Review inputs (ISO 9001 9.3.2, ISO 56001 9.3.2)');
    for (const clause of review.pack?.clauses ?? []) {
      heading(pdf, `${clause.clause} — ${clauseTitle(clause.clause)}`, 12);
      for (const section of clause.sections) {
        pdf.font('Helvetica-Bold').text(section.title, 50).font('Helvetica');
        pdf.fillColor('#555555').text(section.source, 50).fillColor('black');
        figures(pdf, section.figures);
        pdf.moveDown(0.4);
      }
    }
    heading(pdf, 'Outputs (ISO 9001 9.3.3)');
    pdf.font('Helvetica-Bold').text('Decisions', 50).font('Helvetica');
    if (review.decisions.length === 0) pdf.text('none');
    review.decisions.forEach((d, i) => pdf.text(`${i + 1}. ${d}`, 50, undefined, { width: 495 }));
    pdf.moveDown(0.3).font('Helvetica-Bold').text('Actions', 50).font('Helvetica');
    if (review.actions.length === 0) pdf.text('none');
    for (const a of review.actions)
      pdf.text(
        `${a.text} — ${a.ownerName}, due ${a.dueAt.toISOString().slice(0, 10)}${a.doneAt === null ? '' : `, done ${a.doneAt.toISOString().slice(0, 10)}`}`,
        50,
        undefined,
        { width: 495 },
      );
    pdf.moveDown(0.3).font('Helvetica-Bold').text('Opportunities raised', 50).font('Helvetica');
    if (review.opportunities.length === 0) pdf.text('none');
    for (const o of review.opportunities) pdf.text(`${o.title} (initiative ${o.initiativeId})`, 50);
    heading(pdf, 'Signature');
    if (review.signatures.length === 0) pdf.text('Not signed');
    for (const s of review.signatures) pdf.text(`${s.manifestation} (${s.status})`);
  });
}
