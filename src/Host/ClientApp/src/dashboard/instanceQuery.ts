/** The instance list's filters and page, as the query string of GET /api/workflow-instances. */
export interface InstanceFilters {
  status: "" | "Running" | "Finished";
  definitionId: string;
  hasIncidents: boolean;
  page: number;
  pageSize: number;
}

export function instanceListUrl(f: InstanceFilters): string {
  const q = new URLSearchParams({ page: String(f.page), pageSize: String(f.pageSize) });
  if (f.status) q.set("status", f.status);
  if (f.definitionId) q.set("definitionId", f.definitionId);
  if (f.hasIncidents) q.set("hasIncidents", "true");
  return `/api/workflow-instances?${q.toString()}`;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
