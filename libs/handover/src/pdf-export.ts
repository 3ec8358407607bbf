import { DocumentView } from '@ambidex/qms';
import PDFDocument from 'pdfkit';
import { PackageView } from './package-queries';

/** Renders a PDF into memory; the documents are small (a dossier is tens of pages at most). */
function render(draw: (pdf: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Ambidex', Producer: 'Ambidex' } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    draw(pdf);
    pdf.end();
  });
}

function heading(pdf: PDFKit.PDFDocument, text: string, size = 14): void {
  pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text).font('Helvetica').fontSize(10).moveDown(0.3);
}

function documentSection(pdf: PDFKit.PDFDocument, doc: DocumentView): void {
  const current = doc.revisions.find((r) => r.state === 'effective') ?? doc.revisions[doc.revisions.length - 1];
  heading(pdf, `${doc.number ?? '(unnumbered draft)'} — ${doc.title}`, 13);
  pdf.text(
    `Type: ${doc.documentType}   Status: ${doc.status}   Owner: ${doc.ownerName ?? doc.ownerId}   Retention: ${doc.retentionYears} years`,
  );
  if (doc.reviewFlaggedAt !== null)
    pdf
      .fillColor('#b00020')
      .text(`FLAGGED FOR REVIEW: ${doc.reviewFlagReason ?? ''}`)
      .fillColor('black');
  if (current !== undefined) {
    pdf.text(
      `Revision ${current.revision} (${current.state})${current.effectiveAt ? `, effective ${current.effectiveAt.toISOString().slice(0, 10)}` : ''}`,
    );
    pdf.moveDown(0.3).text(current.body, { width: 495 });
    heading(pdf, 'Approvals and signatures', 11);
    for (const a of current.approvals)
      pdf.text(
        `Approver ${a.approverName ?? a.approverId}: ${a.decision ?? 'pending'} (due ${a.dueAt.toISOString().slice(0, 10)})`,
      );
    for (const s of current.signatures)
      pdf.text(`${s.manifestation}${s.status === 'void' ? ' — VOID: the content changed after signing' : ''}`);
    if (current.signatures.length === 0) pdf.text('Not signed yet.');
  }
  heading(pdf, 'Revision history', 11);
  for (const r of doc.revisions)
    pdf.text(
      `Rev ${r.revision}: ${r.state}${r.effectiveAt ? `, effective ${r.effectiveAt.toISOString().slice(0, 10)}` : ''}`,
    );
}

export function documentPdf(doc: DocumentView): Promise<Buffer> {
  return render((pdf) => documentSection(pdf, doc));
}

/** The handover dossier: definition, requirements, risks, process record, checklist, signatures, then every document. */
export function dossierPdf(pkg: PackageView): Promise<Buffer> {
  return render((pdf) => {
    heading(pdf, `Handover dossier: ${String(pkg.productDefinition.title)}`, 18);
    pdf.text(
      `Package ${pkg.id} — status ${pkg.status}${pkg.timeToControlledSeconds === null ? '' : ` — controlled ${formatDuration(pkg.timeToControlledSeconds)} after the G3 decision`}`,
    );
    heading(pdf, 'Product definition');
    pdf
      .text(`Problem: ${String(pkg.productDefinition.problem)}`)
      .text(`Value hypothesis: ${String(pkg.productDefinition.valueHypothesis)}`);
    heading(pdf, 'Requirements (from validated assumptions)');
    for (const r of pkg.requirements)
      pdf.text(
        `${r.key}: ${r.text} [evidence: ${r.experimentIds.length} experiment(s), ${r.learningIds.length} learning(s)]`,
      );
    heading(pdf, 'Risks and controls');
    for (const r of pkg.risks as { key: string; text: string; control: string | null }[])
      pdf.text(`${r.key}: ${r.text} — control: ${r.control ?? 'none yet'}`);
    heading(pdf, 'Transfer-readiness checklist');
    for (const i of pkg.checklist) pdf.text(`[${i.done ? 'x' : ' '}] ${i.text} (${i.detail})`);
    if (pkg.processRecord !== null) {
      heading(pdf, 'Process record');
      const kpis = pkg.processRecord.kpis as { name: string; baseline: number | null; unit: string }[];
      for (const k of kpis) pdf.text(`KPI ${k.name}: baseline ${k.baseline ?? 'to be measured'} ${k.unit}`);
    }
    heading(pdf, 'Signatures of the handover');
    for (const s of pkg.signatures) pdf.text(`${s.manifestation}${s.status === 'void' ? ' — VOID' : ''}`);
    if (pkg.actions.length > 0) {
      heading(pdf, 'Conditions (tracked actions)');
      for (const a of pkg.actions)
        pdf.text(
          `${a.text} — owner ${a.ownerName ?? a.ownerId}, due ${a.dueAt.toISOString().slice(0, 10)}, ${a.doneAt ? 'done' : 'open'}`,
        );
    }
    for (const doc of pkg.documents) {
      pdf.addPage();
      documentSection(pdf, doc);
    }
  });
}

/** 3 d 4 h 5 min 6 s, largest units first; seconds only under a minute. */
export function formatDuration(totalSeconds: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(totalSeconds));
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['min', 60],
  ] as const) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)} ${unit}`);
    rest %= size;
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(' ');
}
