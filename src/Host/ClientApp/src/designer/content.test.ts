import { describe, expect, it } from "vitest";
import type { WorkflowDefinition } from "../api/types";
import { contentOf } from "./content";

const definition = (over: Partial<WorkflowDefinition>): WorkflowDefinition =>
  ({ definitionId: "d", name: "n", version: 1, isPublished: false, root: { type: "Flowchart", activities: [{ id: "a", type: "Echo" }], connections: [] }, ...over });

describe("contentOf", () => {
  it("ignores the version and the published flag that saving assigns", () => {
    expect(contentOf(definition({ version: 3, isPublished: true }))).toBe(contentOf(definition({})));
  });
  it("changes with the name and the graph", () => {
    expect(contentOf(definition({ name: "other" }))).not.toBe(contentOf(definition({})));
    expect(contentOf(definition({ root: { type: "Flowchart", activities: [], connections: [] } }))).not.toBe(contentOf(definition({})));
  });
});
