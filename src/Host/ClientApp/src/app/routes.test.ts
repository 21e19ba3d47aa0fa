import { describe, expect, it } from "vitest";
import { parseRoute } from "./routes";

describe("parseRoute", () => {
  it("maps the server's client-side routes", () => {
    expect(parseRoute("/", "")).toEqual({ page: "instances" });
    expect(parseRoute("/instances/abc", "")).toEqual({ page: "instance", instanceId: "abc" });
    expect(parseRoute("/designer", "")).toEqual({ page: "definitions" });
    expect(parseRoute("/designer/smoke", "?version=2")).toEqual({ page: "designer", definitionId: "smoke", version: 2 });
    expect(parseRoute("/designer/smoke", "?version=x")).toEqual({ page: "designer", definitionId: "smoke" });
  });
});
