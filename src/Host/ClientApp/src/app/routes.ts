/** The client-side routes that `losssearch serve` answers with the app. */
export type Route =
  | { page: "instances" }
  | { page: "instance"; instanceId: string }
  | { page: "definitions" }
  | { page: "designer"; definitionId: string; version?: number };

export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "instances" && parts[1]) return { page: "instance", instanceId: parts[1] };
  if (parts[0] === "designer" && parts[1]) {
    const version = Number(new URLSearchParams(search).get("version"));
    return { page: "designer", definitionId: parts[1], ...(Number.isInteger(version) && version > 0 ? { version } : {}) };
  }
  if (parts[0] === "designer") return { page: "definitions" };
  return { page: "instances" };
}
