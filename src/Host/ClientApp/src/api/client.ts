import { askForToken, authHeaders, currentToken, forgetToken } from "./token";

/** An RFC 7807 problem as the server writes it; `errors` is keyed by JSON path or parameter. */
export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  errors?: Record<string, string[]>;
}

export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** fetch with the API token; a 401 asks for the token once and retries. */
export async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const send = () => fetch(path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...authHeaders() } });
  let response = await send();
  if (response.status === 401) {
    if (currentToken()) forgetToken();
    if (await askForToken()) response = await send();
  }
  return response;
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await authorizedFetch(path, { signal });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return (await response.json()) as T;
}

export async function getText(path: string, signal?: AbortSignal): Promise<string> {
  const response = await authorizedFetch(path, { signal });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.text();
}

export async function getBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  const response = await authorizedFetch(path, { signal });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.blob();
}

export async function postJson<T>(path: string, body?: unknown): Promise<T> {
  const response = await authorizedFetch(path, {
    method: "POST",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return (await response.json()) as T;
}
