import { useState } from "react";
import { getJson } from "../api/client";
import type { DefinitionSummary, Page } from "../api/types";
import { Link } from "../app/Link";
import { navigate } from "../app/router";
import { ErrorBox } from "../common/ErrorBox";
import { useAsync } from "../common/useAsync";

export function DefinitionList() {
  const list = useAsync((signal) => getJson<Page<DefinitionSummary>>("/api/workflow-definitions?pageSize=500", signal), []);
  const [newId, setNewId] = useState("");
  return (
    <section>
      <h1>Definitions</h1>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); if (newId.trim()) navigate(`/designer/${encodeURIComponent(newId.trim())}`); }}>
        <input aria-label="new definition id" placeholder="new definition id" value={newId} onChange={(e) => setNewId(e.target.value)} />
        <button type="submit">New definition</button>
      </form>
      <ErrorBox error={list.error} />
      <table className="grid">
        <thead><tr><th>Definition</th><th>Name</th><th>Latest version</th><th>Published version</th></tr></thead>
        <tbody>{list.value?.items.map((d) => (
          <tr key={d.definitionId}>
            <td><Link to={`/designer/${encodeURIComponent(d.definitionId)}`}>{d.definitionId}</Link></td>
            <td>{d.name}</td><td>{d.version}{d.isPublished ? "" : " (draft)"}</td><td>{d.publishedVersion ?? "—"}</td>
          </tr>))}
        </tbody>
      </table>
    </section>
  );
}
