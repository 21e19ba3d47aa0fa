import { beforeEach, describe, expect, it, vi } from "vitest";
import { authorizedFetch } from "./client";

// The token lives in sessionStorage (this tab only) and is asked for once, however many requests met the 401.
const session = new Map<string, string>();
const local = new Map<string, string>();
const storage = (map: Map<string, string>) => ({
  getItem: (k: string) => map.get(k) ?? null,
  setItem: (k: string, v: string) => void map.set(k, v),
  removeItem: (k: string) => void map.delete(k),
});
const prompt = vi.fn<(message: string) => string | null>();
const sent: (string | undefined)[] = [];
let serverToken = "s3cret";

vi.stubGlobal("sessionStorage", storage(session));
vi.stubGlobal("localStorage", storage(local));
vi.stubGlobal("window", { prompt });
vi.stubGlobal("fetch", async (_path: string, init: RequestInit) => {
  const authorization = (init.headers as Record<string, string>).Authorization;
  sent.push(authorization);
  return new Response("{}", { status: authorization === `Bearer ${serverToken}` ? 200 : 401 });
});

describe("authorizedFetch", () => {
  beforeEach(() => {
    session.clear();
    prompt.mockReset();
    sent.length = 0;
    serverToken = "s3cret";
  });

  it("asks once for requests that met the 401 together, retries them with the token, and keeps it for the tab only", async () => {
    prompt.mockReturnValue(" s3cret ");
    const answers = await Promise.all([authorizedFetch("/api/a"), authorizedFetch("/api/b"), authorizedFetch("/api/c")]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(session.get("losssearch.apiToken")).toBe("s3cret");
    expect(local.size).toBe(0);

    expect((await authorizedFetch("/api/d")).status).toBe(200);
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(sent.at(-1)).toBe("Bearer s3cret");
  });

  it("stores nothing when the person declines, and forgets a token the server no longer takes", async () => {
    prompt.mockReturnValue(null);
    expect((await authorizedFetch("/api/a")).status).toBe(401);
    expect(session.size).toBe(0);

    session.set("losssearch.apiToken", "old");
    serverToken = "new";
    prompt.mockReturnValue("new");
    expect((await authorizedFetch("/api/a")).status).toBe(200);
    expect(sent).toEqual([undefined, "Bearer old", "Bearer new"]);
    expect(session.get("losssearch.apiToken")).toBe("new");
  });
});
