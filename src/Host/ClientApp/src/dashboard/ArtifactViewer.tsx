import katex from "katex";
import { marked } from "marked";
import { useEffect, useRef, useState } from "react";
import { getBlob, getText } from "../api/client";
import { ErrorBox } from "../common/ErrorBox";
import { parseCsv, sortRows } from "./csv";

export function artifactUrl(instanceId: string, path: string): string {
  return `/api/workflow-instances/${encodeURIComponent(instanceId)}/artifacts/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** Images go through fetch (with the API token) into object URLs; the artifacts endpoint stays the only way to files. */
function useObjectUrl(url: string | null): string | null {
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!url) return;
    let created: string | null = null;
    const controller = new AbortController();
    getBlob(url, controller.signal).then((b) => { created = URL.createObjectURL(b); setObjectUrl(created); }, () => undefined);
    return () => { controller.abort(); if (created) URL.revokeObjectURL(created); };
  }, [url]);
  return objectUrl;
}

export function ArtifactImage({ url, alt }: { url: string; alt: string }) {
  const src = useObjectUrl(url);
  return src ? <img src={src} alt={alt} className="artifact-image" /> : <span>loading {alt}…</span>;
}

function folderOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i + 1);
}

/** report.md as HTML; its relative images are fetched from the artifacts endpoint. */
function MarkdownArtifact({ instanceId, path }: { instanceId: string; path: string }) {
  const [html, setHtml] = useState<string>("");
  const [error, setError] = useState<Error | null>(null);
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    getText(artifactUrl(instanceId, path)).then((text) => setHtml(marked.parse(text, { async: false })), setError);
  }, [instanceId, path]);
  useEffect(() => {
    const created: string[] = [];
    container.current?.querySelectorAll("img").forEach((img) => {
      const src = img.getAttribute("src") ?? "";
      if (/^[a-z]+:/i.test(src) || src.startsWith("/")) return;
      img.removeAttribute("src");
      getBlob(artifactUrl(instanceId, folderOf(path) + src)).then((b) => { const u = URL.createObjectURL(b); created.push(u); img.src = u; }, () => undefined);
    });
    container.current?.querySelectorAll("code.language-latex, span.math").forEach((el) => katex.render(el.textContent ?? "", el as HTMLElement, { throwOnError: false }));
    return () => created.forEach((u) => URL.revokeObjectURL(u));
  }, [html, instanceId, path]);
  return <><ErrorBox error={error} /><div className="markdown" ref={container} dangerouslySetInnerHTML={{ __html: html }} /></>;
}

function CsvArtifact({ instanceId, path }: { instanceId: string; path: string }) {
  const [rows, setRows] = useState<string[][]>([]);
  const [sort, setSort] = useState<{ column: number; ascending: boolean } | null>(null);
  useEffect(() => { getText(artifactUrl(instanceId, path)).then((t) => setRows(parseCsv(t))); }, [instanceId, path]);
  const [header, ...body] = rows;
  const shown = sort ? sortRows(body, sort.column, sort.ascending) : body;
  return (
    <table className="grid csv">
      <thead><tr>{header?.map((h, i) => (
        <th key={i}><button className="link" onClick={() => setSort({ column: i, ascending: sort?.column === i ? !sort.ascending : true })}>
          {h}{sort?.column === i ? (sort.ascending ? " ▲" : " ▼") : ""}</button></th>))}</tr></thead>
      <tbody>{shown.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
    </table>
  );
}

function DownloadArtifact({ instanceId, path }: { instanceId: string; path: string }) {
  const download = async () => {
    const blob = await getBlob(artifactUrl(instanceId, path));
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = path.split("/").at(-1) ?? "artifact";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  return <button onClick={download}>Download {path}</button>;
}

export function ArtifactViewer({ instanceId, path }: { instanceId: string; path: string }) {
  const lower = path.toLowerCase();
  if (lower.endsWith(".md")) return <MarkdownArtifact instanceId={instanceId} path={path} />;
  if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".svg")) return <ArtifactImage url={artifactUrl(instanceId, path)} alt={path} />;
  if (lower.endsWith(".csv")) return <CsvArtifact instanceId={instanceId} path={path} />;
  return <DownloadArtifact instanceId={instanceId} path={path} />;
}
