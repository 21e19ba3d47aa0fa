import { describe, expect, it } from "vitest";
import { instanceListUrl, pageCount } from "./instanceQuery";

describe("instance list query", () => {
  it("sends only the filters that are set", () => {
    expect(instanceListUrl({ status: "", definitionId: "", hasIncidents: false, page: 1, pageSize: 25 })).toBe("/api/workflow-instances?page=1&pageSize=25");
    expect(instanceListUrl({ status: "Running", definitionId: "smoke", hasIncidents: true, page: 3, pageSize: 10 }))
      .toBe("/api/workflow-instances?page=3&pageSize=10&status=Running&definitionId=smoke&hasIncidents=true");
  });
  it("counts pages", () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(1000, 25)).toBe(40);
    expect(pageCount(1001, 25)).toBe(41);
  });
});
