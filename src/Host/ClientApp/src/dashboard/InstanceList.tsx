import { useEffect, useState } from "react";
import { getJson, postJson } from "../api/client";
import type { DefinitionSummary, InstanceSummary, Page } from "../api/types";
import { Link } from "../app/Link";
import { ErrorBox } from "../common/ErrorBox";
import { estimateRemainingMs, formatDuration, formatTime } from "../common/format";
import { useAsync } from "../common/useAsync";
import { instanceListUrl, pageCount, type InstanceFilters } from "./instanceQuery";

const refreshMs = 5000;

export function InstanceList() {
  const [filters, setFilters] = useState<InstanceFilters>({ status: "", definitionId: "", hasIncidents: false, page: 1, pageSize: 25 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string>("");
  const list = useAsync((signal) => getJson<Page<InstanceSummary>>(instanceListUrl(filters), signal), [filters]);
  const definitions = useAsync((signal) => getJson<Page<DefinitionSummary>>("/api/workflow-definitions?pageSize=500", signal), []);
  // The list (not an instance) is small: re-reading its page keeps statuses and progress current.
  useEffect(() => {
    const timer = window.setInterval(() => list.reload(), refreshMs);
    return () => window.clearInterval(timer);
  }, [list.reload]);
  const now = Date.now();
  const update = (change: Partial<InstanceFilters>) => { setFilters({ ...filters, page: 1, ...change }); setSelected(new Set()); };

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id); else next.add(id);
    setSelected(next);
  };

  const cancelSelected = async () => {
    if (!window.confirm(`Cancel ${selected.size} instance(s)? Running trainings stop at their next step and keep their checkpoints.`)) return;
    const outcomes = await Promise.allSettled([...selected].map((id) => postJson(`/api/workflow-instances/${encodeURIComponent(id)}/cancel`)));
    const failed = outcomes.filter((o) => o.status === "rejected").length;
    setMessage(`${outcomes.length - failed} cancelled${failed ? `, ${failed} could not be cancelled (already finished?)` : ""}`);
    setSelected(new Set());
    list.reload();
  };

  const items = list.value?.items ?? [];
  return (
    <section>
      <h1>Instances</h1>
      <div className="toolbar">
        <label>Status{" "}
          <select aria-label="status filter" value={filters.status} onChange={(e) => update({ status: e.target.value as InstanceFilters["status"] })}>
            <option value="">any</option><option>Running</option><option>Finished</option>
          </select>
        </label>
        <label>Definition{" "}
          <select aria-label="definition filter" value={filters.definitionId} onChange={(e) => update({ definitionId: e.target.value })}>
            <option value="">any</option>
            {definitions.value?.items.map((d) => <option key={d.definitionId} value={d.definitionId}>{d.definitionId}</option>)}
          </select>
        </label>
        <label><input type="checkbox" checked={filters.hasIncidents} onChange={(e) => update({ hasIncidents: e.target.checked })} /> has incidents</label>
        <button onClick={() => list.reload()}>Refresh</button>
        <button disabled={selected.size === 0} onClick={cancelSelected}>Cancel selected ({selected.size})</button>
        {message && <span className="note">{message}</span>}
      </div>
      <ErrorBox error={list.error} />
      <table className="grid">
        <thead>
          <tr>
            <th><input type="checkbox" aria-label="select all" checked={items.length > 0 && items.every((i) => selected.has(i.id))}
              onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())} /></th>
            <th>Instance</th><th>Definition</th><th>Status</th><th>Started</th><th>Duration</th><th>Progress</th><th>ETA</th><th>Incidents</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => {
            const end = i.finishedAt ? new Date(i.finishedAt).getTime() : now;
            const eta = i.status === "Running" ? estimateRemainingMs(i.createdAt, i.progress, now) : null;
            return (
              <tr key={i.id} className={`status-${i.subStatus}`}>
                <td><input type="checkbox" aria-label={`select ${i.id}`} checked={selected.has(i.id)} onChange={() => toggle(i.id)} /></td>
                <td><Link to={`/instances/${encodeURIComponent(i.id)}`}>{i.id}</Link></td>
                <td>{i.definitionId} v{i.definitionVersion}</td>
                <td>{i.status} / {i.subStatus}</td>
                <td>{formatTime(i.createdAt)}</td>
                <td>{formatDuration(end - new Date(i.createdAt).getTime())}</td>
                <td>{Math.round(i.progress * 100)} %</td>
                <td>{eta === null ? "—" : formatDuration(eta)}</td>
                <td>{i.incidents}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {list.value && (
        <div className="pager">
          <button disabled={filters.page <= 1} onClick={() => setFilters({ ...filters, page: filters.page - 1 })}>Previous</button>
          <span>page {filters.page} of {pageCount(list.value.total, filters.pageSize)} ({list.value.total} instances)</span>
          <button disabled={filters.page >= pageCount(list.value.total, filters.pageSize)} onClick={() => setFilters({ ...filters, page: filters.page + 1 })}>Next</button>
        </div>
      )}
    </section>
  );
}
