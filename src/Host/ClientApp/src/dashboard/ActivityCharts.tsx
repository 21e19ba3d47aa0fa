import { useState } from "react";
import { ApiError, getJson } from "../api/client";
import type { ActivityChart, ActivityExecutionView } from "../api/types";
import { LineChart } from "../charts/LineChart";
import { ErrorBox } from "../common/ErrorBox";
import { useAsync } from "../common/useAsync";
import { epochSeries, searchSeries } from "./chartSeries";

const percent = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${(100 * v).toFixed(2)} %`);

/**
 * The live charts of an activity that keeps progress points (Evolve, the training grids), read from the
 * server's store of them; read again whenever the event stream brings a change of the activity.
 */
export function ActivityCharts({ instanceId, activity }: { instanceId: string; activity: ActivityExecutionView }) {
  // An activity type without progress points answers 404 once; it is not asked again.
  const [absent, setAbsent] = useState(false);
  const chart = useAsync((signal) => absent ? Promise.resolve(undefined) : getJson<ActivityChart>(
    `/api/workflow-instances/${encodeURIComponent(instanceId)}/activities/${encodeURIComponent(activity.activityId)}/chart`, signal)
    .catch((e: unknown) => { if (e instanceof ApiError && e.status === 404) { setAbsent(true); return undefined; } throw e; }),
  [absent, instanceId, activity.activityId, activity.status, activity.progressMessage, activity.lastHeartbeat]);
  if (chart.error) return <ErrorBox error={chart.error} />;
  const value = chart.value;
  if (!value) return null;
  return (
    <section className="activity-charts" aria-label="charts">
      {value.searches?.map((s) => (
        <div key={s.search} data-testid={`search-chart-${s.search}`}>
          <h4>Search {s.search}: {s.evaluated} candidates evaluated</h4>
          {s.curve.length > 0
            ? <LineChart title={`${s.search}: fitness`} xLabel="candidates evaluated" digits={4} series={searchSeries(s)} />
            : <p className="hint">the curve starts when the population is formed</p>}
          <table className="grid rejections">
            <thead><tr><th>Rejected because</th><th>Count</th></tr></thead>
            <tbody>
              {Object.entries(s.rejections).map(([reason, count]) => <tr key={reason}><td>{reason}</td><td>{count}</td></tr>)}
              {Object.keys(s.rejections).length === 0 && <tr><td colSpan={2}>none rejected so far</td></tr>}
            </tbody>
          </table>
        </div>
      ))}
      {value.grid && (
        <>
          {value.grid.running.map((u) => (
            <div key={u.unit} data-testid={`unit-chart-${u.unit}`}>
              <h4>Training: {u.loss ?? u.unit} on {u.dataset ?? "?"} with {u.augmentation ?? "?"} ({u.epochs.length} epoch(s) done)</h4>
              <LineChart title={`${u.unit}: loss per epoch`} xLabel="epoch" series={epochSeries(u.epochs, "loss")} />
              <LineChart title={`${u.unit}: accuracy per epoch`} xLabel="epoch" series={epochSeries(u.epochs, "accuracy")} />
            </div>
          ))}
          <table className="grid finished-units" aria-label="finished units">
            <thead><tr><th>Loss</th><th>Dataset</th><th>Augmentation</th><th>Seed</th><th>Status</th><th>Test top-1</th><th>Validation top-1</th><th>Best epoch</th><th>Epochs</th></tr></thead>
            <tbody>
              {value.grid.finished.map((r) => (
                <tr key={`${r.loss}|${r.dataset}|${r.augmentation}|${r.seed}`}>
                  <td>{r.loss}</td><td>{r.dataset}</td><td>{r.augmentation}</td><td>{r.seed}</td><td>{r.status}</td>
                  <td>{percent(r.top1)}</td><td>{percent(r.validationTop1)}</td><td>{r.bestEpoch}</td><td>{r.epochs}</td>
                </tr>
              ))}
              {value.grid.finished.length === 0 && <tr><td colSpan={9}>no unit finished yet</td></tr>}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
