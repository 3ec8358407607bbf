import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ChangeEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { LogFileError, parseLearningLog, withContentKeys, type LogEntry } from './learning-log-file';
import { logKey } from './queries';

/** Upload a whole learning log (NDJSON or CSV): a job stores it; the bar follows it; refused entries are listed by line. */
export function LearningLogUpload({ initiativeId }: { initiativeId: string }) {
  const client = useQueryClient();
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const batch = useQuery({
    queryKey: ['ingest-batch', batchId],
    enabled: batchId !== null,
    queryFn: () => unwrap(api.GET('/api/ingest/batches/{id}', { params: { path: { id: batchId ?? '' } } })),
    refetchInterval: (query) => (query.state.data?.status === 'completed' ? false : 500),
  });
  const completed = batch.data?.status === 'completed';
  useEffect(() => {
    if (completed) void client.invalidateQueries({ queryKey: logKey(initiativeId) });
  }, [completed, client, initiativeId]);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setError(null);
    setBatchId(null);
    try {
      const parsed = await withContentKeys(parseLearningLog(file.name, await file.text(), initiativeId));
      if (parsed.length === 0) throw new LogFileError('The file holds no entries');
      setEntries(parsed);
      const created = await unwrap(api.POST('/api/ingest/batches', { body: parsed.map((e) => e.entry) as never }));
      setBatchId(created.id);
    } catch (caught) {
      setError(caught);
    }
  };

  const b = batch.data;
  const done = b === undefined ? 0 : b.stored + b.duplicates + b.failed;
  return (
    <section className="panel" aria-labelledby="upload">
      <h2 id="upload">Upload a learning log</h2>
      <div className="field">
        <label htmlFor="learning-log-file">
          Learning log file (NDJSON, or CSV with observed, belief, decision, confidence)
        </label>
        <input
          id="learning-log-file"
          type="file"
          accept=".ndjson,.jsonl,.csv,application/x-ndjson,text/csv"
          onChange={(e) => void upload(e)}
        />
      </div>
      <ProblemMessage error={error ?? batch.error} />
      {b !== undefined && (
        <div role="status" aria-live="polite">
          <label>
            {b.status === 'completed' ? 'Done' : 'Storing'}: {done} of {b.total}
            <progress value={done} max={b.total} />
          </label>
          <p>
            {b.stored} stored, {b.duplicates} already there, {b.failed} refused
          </p>
        </div>
      )}
      {b !== undefined && b.problems.length > 0 && (
        <table className="data" aria-label="Refused entries">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Field</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {b.problems.map((p) => (
              <tr key={`${p.index}-${p.field}`}>
                <td>{entries[p.index]?.line ?? p.index + 1}</td>
                <td>{p.field}</td>
                <td>{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
