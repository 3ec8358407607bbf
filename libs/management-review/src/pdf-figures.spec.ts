import PDFDocument from 'pdfkit';
import { figures, humanLabel, shownValue } from './pdf-figures';

describe('pack figures on paper', () => {
  it('labels keys in words', () => {
    expect(humanLabel('conversionRate')).toBe('Conversion rate');
    expect(humanLabel('customer_complaint')).toBe('Customer complaint');
    expect(humanLabel('p85Days')).toBe('P85 days');
  });

  it('shows shares as percentages and other numbers as they are, rounded to a tenth', () => {
    expect(shownValue('conversionRate', 0.125)).toBe('12.5 %');
    expect(shownValue('vitalityIndex', 0.4)).toBe('40 %');
    expect(shownValue('share', 1)).toBe('100 %');
    expect(shownValue('decisions', 8)).toBe('8');
    expect(shownValue('costPerLearning', 3012.456)).toBe('3012.5');
    expect(shownValue('previousReview', null)).toBe('—');
  });

  it('writes a list whose records hold only uuids as "none", and goes on writing below it', () => {
    const pdf = new PDFDocument({ size: 'A4', margin: 50 });
    const before = pdf.y;
    figures(pdf, { linked: [{ id: '5f0c7c1e-8a43-4d2e-9d0a-3b1c2f4e5a6b' }] });
    expect(Number.isFinite(pdf.y)).toBe(true);
    expect(pdf.y).toBeGreaterThan(before);
    pdf.end();
  });
});
