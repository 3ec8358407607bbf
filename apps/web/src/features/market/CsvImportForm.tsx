import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useMarketMutation } from './queries';

/**
 * A CSV of months (month, revenue, cost_savings, customers). Read in the browser and sent whole: every row is
 * imported or none, and a bad cell is named by its row and column next to the file field.
 */
export function CsvImportForm({ initiativeId }: { initiativeId: string }) {
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const upload = useMarketMutation(initiativeId, async (text: string) => {
    const imported = await unwrap(
      api.POST('/api/initiatives/{id}/market/values/import', {
        params: { path: { id: initiativeId } },
        body: { csv: text },
      }),
    );
    setResult(`Imported: ${imported.entered} new month(s), ${imported.corrected} corrected.`);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (csv !== null) upload.mutate(csv);
  };
  const problem = upload.error instanceof ApiProblem ? upload.error.reasonFor('csv') : undefined;
  return (
    <details className="new-item">
      <summary>Import months from a CSV</summary>
      <form onSubmit={submit} aria-label="Import months from a CSV">
        <div className={problem === undefined ? 'field' : 'field invalid'}>
          <label htmlFor="market-csv">CSV file</label>
          <input
            id="market-csv"
            name="csv"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={problem === undefined ? 'market-csv-hint' : 'market-csv-hint market-csv-problem'}
            aria-invalid={problem !== undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              setResult(null);
              upload.reset();
              if (file === undefined) return setCsv(null);
              setFileName(file.name);
              void file.text().then(setCsv);
            }}
          />
          <small id="market-csv-hint" className="hint">
            A header row naming month, revenue, cost_savings and customers; one row per month (YYYY-MM). All rows are
            imported, or none.
          </small>
          {problem !== undefined && (
            <small id="market-csv-problem" className="field-problem" role="alert">
              {problem}
            </small>
          )}
        </div>
        <ProblemMessage error={upload.error} />
        {result !== null && <p role="status">{result}</p>}
        <button type="submit" disabled={csv === null || upload.isPending}>
          Import {fileName || 'the CSV'}
        </button>
      </form>
    </details>
  );
}
