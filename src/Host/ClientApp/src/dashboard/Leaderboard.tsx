import type { InstanceView } from "../api/types";
import { Latex } from "../common/Latex";
import { latexByExpression, leaderboard } from "./leaderboard";

export function Leaderboard({ instance }: { instance: InstanceView }) {
  const outputs = Object.fromEntries(instance.activities.map((a) => [a.activityId, a.outputs ?? null]));
  const rows = leaderboard(outputs);
  const latex = latexByExpression(outputs);
  if (rows.length === 0) return <p>No scores yet: the leaderboard fills in as stages finish.</p>;
  return (
    <table className="grid leaderboard">
      <thead><tr><th>Stage</th><th>Augmentation</th><th>Dataset</th><th>Loss</th><th>Rendered</th><th>Mean score</th><th>Seeds</th></tr></thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>{r.stage}</td><td>{r.augmentation}</td><td>{r.dataset ?? "search (fitness)"}</td>
            <td><code>{r.loss}</code></td>
            <td>{latex.has(r.loss) ? <Latex tex={latex.get(r.loss)!} /> : "—"}</td>
            <td>{r.mean.toFixed(4)}</td><td>{r.seeds}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
