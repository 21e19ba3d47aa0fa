import { describe, expect, it } from "vitest";
import { editorKind, paletteGroups, type ActivityDescriptor, type InputDescriptor } from "./descriptors";
import { problemsFromServer, targetOfPath } from "./problemPaths";
import { fits, referenceChoices, upstreamOf } from "./references";
import { checkValue, cycleMembers, validateDraft } from "./validation";
import { History } from "./history";
import { freshId, pasteCopies } from "./clipboard";
import type { FlowNode } from "../flow/graph";

const input = (over: Partial<InputDescriptor>): InputDescriptor => ({
  name: "x", type: "string", itemType: null, valueType: "String", required: false, description: "", uiHint: null,
  choices: null, choicesOpen: false, minimum: null, maximum: null, exclusiveMinimum: false, exclusiveMaximum: false, ...over });
const output = (name: string, type: string, valueType: string) => ({ name, type, itemType: type === "array" ? "object" : null, valueType, description: "" });

const descriptors: ActivityDescriptor[] = [
  { type: "Evolve", displayName: "Evolve", description: "regularized evolution", category: "Funnel", maxAttempts: 1, executionGroup: null,
    inputs: [input({ name: "children", type: "integer", minimum: 1 }), input({ name: "augmentations", type: "array", itemType: "string", choices: ["cutout", "mixup"] })],
    outputs: [output("scores", "array", "List<LossScore>"), output("searches", "array", "List<SearchResult>")] },
  { type: "SelectTopK", displayName: "Select Top-K", description: "ranks", category: "Funnel", maxAttempts: 1, executionGroup: null,
    inputs: [input({ name: "scores", type: "array", itemType: "object", valueType: "List<LossScore>", required: true }), input({ name: "rule", choices: ["per-augmentation", "overall"] }), input({ name: "k", type: "integer", minimum: 1, maximum: 50 })],
    outputs: [output("losses", "array", "List<String>")] },
  { type: "Echo", displayName: "Echo", description: "echoes", category: "Built-in", maxAttempts: 1, executionGroup: null,
    inputs: [input({ name: "text", required: true })], outputs: [output("result", "string", "String")] },
];
const byType = new Map(descriptors.map((d) => [d.type, d]));

describe("descriptor → editor", () => {
  it("picks the editor from the input's type and choices only", () => {
    expect(editorKind(input({ type: "integer" }))).toBe("integer");
    expect(editorKind(input({ type: "number" }))).toBe("number");
    expect(editorKind(input({ type: "boolean" }))).toBe("boolean");
    expect(editorKind(input({ type: "string" }))).toBe("text");
    expect(editorKind(input({ type: "string", choices: ["a", "b"] }))).toBe("choice");
    expect(editorKind(input({ type: "array" }))).toBe("list");
    expect(editorKind(input({ type: "array", choices: ["a"] }))).toBe("multi-choice");
    expect(editorKind(input({ type: "object" }))).toBe("json");
  });
  it("groups and searches the palette", () => {
    expect(paletteGroups(descriptors, "").map(([c, ds]) => [c, ds.map((d) => d.type)])).toEqual([["Built-in", ["Echo"]], ["Funnel", ["Evolve", "SelectTopK"]]]);
    expect(paletteGroups(descriptors, "rank").map(([, ds]) => ds.map((d) => d.type))).toEqual([["SelectTopK"]]);
  });
});

describe("problem-details path → node and field", () => {
  it("maps activity inputs, references, activities, connections and the definition", () => {
    expect(targetOfPath("$.root.activities[1].inputs.k")).toEqual({ kind: "input", activityIndex: 1, input: "k" });
    expect(targetOfPath("$.root.activities[2].inputs.scores.from")).toEqual({ kind: "input", activityIndex: 2, input: "scores" });
    expect(targetOfPath("$.root.activities[0].type")).toEqual({ kind: "activity", activityIndex: 0, field: "type" });
    expect(targetOfPath("$.root.activities[3]")).toEqual({ kind: "activity", activityIndex: 3, field: null });
    expect(targetOfPath("$.root.connections[0].target.activity")).toEqual({ kind: "connection", connectionIndex: 0 });
    expect(targetOfPath("$.definitionId")).toEqual({ kind: "definition", field: "definitionId" });
  });
  it("puts the messages on the activity ids of the definition that was sent", () => {
    const p = problemsFromServer({ "$.root.activities[1].inputs.k": ["expected integer"], "$.root.connections": ["no start activity"] }, ["evolve", "select"], []);
    expect(p.byActivity.get("select")!.get("k")).toEqual(["expected integer"]);
    expect(p.general).toEqual(["root.connections: no start activity"]);
  });
});

describe("graph validation", () => {
  const chain = [{ source: "evolve", target: "select" }];
  it("checks required inputs, ranges and choices", () => {
    expect(checkValue(input({ required: true }), "")).toBe("required");
    expect(checkValue(input({ type: "integer", minimum: 1, maximum: 50 }), 0)).toBe("must be at least 1");
    expect(checkValue(input({ type: "integer", minimum: 1, maximum: 50 }), 51)).toBe("must be at most 50");
    expect(checkValue(input({ type: "integer" }), 1.5)).toBe("expected a whole number");
    expect(checkValue(input({ choices: ["a"] }), "b")).toContain("not one of");
    expect(checkValue(input({ type: "array", choices: ["a", "b"] }), ["a", "c"])).toContain("\"c\"");
    expect(checkValue(input({ type: "integer", minimum: 1 }), 3)).toBeNull();
    expect(checkValue(input({ type: "number", minimum: 0, exclusiveMinimum: true }), 0)).toBe("must be more than 0");
    expect(checkValue(input({ type: "array", itemType: "integer", minimum: 1 }), [2, 0])).toBe("item 2: must be at least 1");
    expect(checkValue(input({ choices: ["a"], choicesOpen: true }), "b")).toBeNull();
  });
  it("finds cycles and second start nodes", () => {
    expect([...cycleMembers(["a", "b", "c"], [{ source: "a", target: "b" }, { source: "b", target: "a" }, { source: "b", target: "c" }])].sort()).toEqual(["a", "b"]);
    const p = validateDraft([
      { id: "evolve", type: "Evolve", inputs: {} },
      { id: "select", type: "SelectTopK", inputs: { scores: { from: "evolve", output: "scores" }, k: 0 } },
      { id: "echo", type: "Echo", inputs: { text: "hi" } },
    ], chain, byType);
    expect(p.byActivity.get("select")!.get("k")).toEqual(["must be at least 1"]);
    expect(p.byActivity.get("select")!.has("scores")).toBe(false);
    expect(p.byActivity.get("echo")!.get("")![0]).toContain("second start node");
  });
  it("flags references to activities that are not upstream", () => {
    const p = validateDraft([
      { id: "evolve", type: "Evolve", inputs: {} },
      { id: "select", type: "SelectTopK", inputs: { scores: { from: "evolve", output: "scores" } } },
    ], [], byType);
    expect(p.byActivity.get("select")!.get("scores")![0]).toContain("does not run before");
  });
});

describe("reference picker", () => {
  it("offers only upstream activities and outputs whose type fits", () => {
    const activities = [{ id: "evolve", type: "Evolve" }, { id: "select", type: "SelectTopK" }, { id: "later", type: "SelectTopK" }];
    const links = [{ source: "evolve", target: "select" }, { source: "select", target: "later" }];
    expect([...upstreamOf("later", links)].sort()).toEqual(["evolve", "select"]);
    const scores = byType.get("SelectTopK")!.inputs[0]!;
    expect(referenceChoices("select", scores, activities, links, byType)).toEqual([{ from: "evolve", output: "scores" }]);
    expect(referenceChoices("evolve", scores, activities, links, byType)).toEqual([]);
    expect(fits(input({ type: "number" }), output("n", "integer", "Int32"))).toBe(true);
    expect(fits(scores, output("searches", "array", "List<SearchResult>"))).toBe(false);
  });
});

describe("undo and redo", () => {
  it("walks back and forth through recorded snapshots", () => {
    const h = new History<number>();
    h.record(1); h.record(2);
    expect(h.undo(3)).toBe(2);
    expect(h.undo(2)).toBe(1);
    expect(h.undo(1)).toBeNull();
    expect(h.redo(1)).toBe(2);
    h.record(2);
    expect(h.canRedo).toBe(false);
  });
});

describe("copy and paste", () => {
  it("renames copies and keeps references among them", () => {
    const node = (id: string, inputs: Record<string, unknown>): FlowNode =>
      ({ id, type: "activity", position: { x: 0, y: 0 }, data: { label: id, activity: { id, type: "Echo", inputs } } }) as unknown as FlowNode;
    const pasted = pasteCopies([node("a", { text: "hi" }), node("b", { text: { from: "a", output: "result" } })],
      [{ id: "a->b", source: "a", target: "b" }], new Set(["a", "b"]));
    expect(pasted.nodes.map((n) => n.id)).toEqual(["a2", "b2"]);
    expect(pasted.nodes[1]!.data.activity.inputs).toEqual({ text: { from: "a2", output: "result" } });
    expect(pasted.edges.map((e) => [e.source, e.target])).toEqual([["a2", "b2"]]);
    expect(freshId("evolve", new Set(["evolve", "evolve2"]))).toBe("evolve3");
  });
});
