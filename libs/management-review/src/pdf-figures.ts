/**
 * A pack section's figures on paper. The pack is plain JSON of any shape, so this reads its shape: a list of flat
 * records becomes a table, a record becomes labelled lines, and identifiers that mean nothing on paper (uuids) are
 * left out: a record's own number (NC-0001) or name says which it is.
 */
const LEFT = 50;
const WIDTH = 495;
const INDENT = 12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Scalar = string | number | boolean | null;
type Flat = Record<string, Scalar>;

/** `conversionRate` → `Conversion rate`. */
export function humanLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Shares as percentages (keys named …rate, …share, …index or …target), the rest as written. */
export function shownValue(key: string, value: Scalar): string {
  if (value === null) return '—';
  if (typeof value === 'number' && /(rate|share|index|target)$/i.test(key) && value <= 1)
    return `${round(value * 100)} %`;
  if (typeof value === 'number') return String(round(value));
  return String(value);
}

const round = (n: number): number => Math.round(n * 10) / 10;
const isScalar = (v: unknown): v is Scalar => v === null || typeof v !== 'object';
const isFlat = (v: unknown): v is Flat =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isScalar);
const shown = (value: unknown): boolean => !(typeof value === 'string' && UUID.test(value));

export function figures(pdf: PDFKit.PDFDocument, value: unknown, indent = 0, key = ''): void {
  const x = LEFT + indent * INDENT;
  const label = key === '' ? '' : humanLabel(key);
  if (isScalar(value)) {
    if (shown(value))
      pdf.text(`${label === '' ? '' : `${label}: `}${shownValue(key, value)}`, x, undefined, {
        width: WIDTH - indent * INDENT,
      });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return void pdf.text(`${label === '' ? '' : `${label}: `}none`, x);
    if (label !== '') pdf.text(`${label}:`, x);
    if (value.every(isFlat)) return table(pdf, value, indent + 1);
    value.forEach((item) => {
      figures(pdf, item, indent + 1);
      pdf.moveDown(0.3);
    });
    return;
  }
  const record = value as Record<string, unknown>;
  // A reference to another record ({ id, name }) reads as its name.
  if (typeof record.name === 'string' && Object.keys(record).every((k) => k === 'id' || k === 'name'))
    return figures(pdf, record.name, indent, key);
  if (label !== '') pdf.text(`${label}:`, x);
  for (const [inner, innerValue] of Object.entries(record))
    figures(pdf, innerValue, label === '' ? indent : indent + 1, inner);
}

/** Rows of flat records under one header, the header repeated when a row starts a new page. */
function table(pdf: PDFKit.PDFDocument, rows: Flat[], indent: number): void {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => rows.some((r) => shown(r[c])));
  if (columns.length === 0) return void pdf.text('none', LEFT + indent * INDENT);
  const x0 = LEFT + indent * INDENT;
  const width = (WIDTH - indent * INDENT) / Math.max(columns.length, 1);
  const bottom = pdf.page.height - pdf.page.margins.bottom;
  const line = (cells: string[], bold: boolean): void => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const height = Math.max(...cells.map((c) => pdf.heightOfString(c, { width: width - 4 })));
    if (pdf.y + height > bottom) {
      pdf.addPage();
      if (!bold) line(columns.map(humanLabel), true);
    }
    const top = pdf.y;
    cells.forEach((cell, i) => pdf.text(cell, x0 + i * width, top, { width: width - 4 }));
    pdf.x = LEFT;
    pdf.y = top + height + 2;
  };
  line(columns.map(humanLabel), true);
  for (const row of rows)
    line(
      columns.map((c) => (c in row ? shownValue(c, row[c] ?? null) : '')),
      false,
    );
  pdf.font('Helvetica').fontSize(10);
}
