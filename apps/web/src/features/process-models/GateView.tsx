import { weightShares } from './definition-draft';
import { describeEvaluation } from './evaluation-labels';
import type { GateDefinition, GateName } from './model';

/** One gate as a version defines it: what must be delivered, the knock-outs, and the weighted criteria. */
export function GateView({ gate, definition: g }: { gate: GateName; definition: GateDefinition }) {
  const shares = weightShares(g.shouldMeet.map((s) => String(s.weight)));
  return (
    <section className="panel" aria-labelledby={`gate-${gate}`}>
      <h2 id={`gate-${gate}`}>
        {gate}: {g.name}
      </h2>
      <p className="facts-line">
        Pass mark <strong>{g.passMark}</strong> of 10 · {g.gatekeepersRequired} gatekeeper
        {g.gatekeepersRequired === 1 ? '' : 's'} · review within {g.reviewDays} day
        {g.reviewDays === 1 ? '' : 's'}
      </p>
      <h3>Deliverables</h3>
      {g.deliverables.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <ul>
          {g.deliverables.map((d) => (
            <li key={d.key}>
              {d.name} <code>{d.key}</code>
            </li>
          ))}
        </ul>
      )}
      <h3>Must meet (one fail and the gate cannot pass)</h3>
      {g.mustMeet.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <ul>
          {g.mustMeet.map((m) => (
            <li key={m.key}>
              {m.text} <span className="hint">— {describeEvaluation(m.evaluation)}</span>
            </li>
          ))}
        </ul>
      )}
      <table className="data">
        <caption>Should meet: scored 0–10 by each gatekeeper, weighted</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Weight</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {g.shouldMeet.map((s, i) => (
            <tr key={s.key}>
              <td>{s.text}</td>
              <td className="num">{s.weight}</td>
              <td className="num">{shares[i] === null ? '—' : `${shares[i]} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
