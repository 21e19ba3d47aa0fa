import { describe, expect, it } from "vitest";
import type { InstanceView } from "../api/types";
import { applyInstanceEvent } from "./instanceEvents";

const snapshot = {
  id: "i", status: "Running", subStatus: "Executing",
  activities: [{ activityId: "a", status: "Running", progress: 0.1 }, { activityId: "b", status: "Waiting", progress: 0 }],
  incidents: [], journal: [],
} as unknown as InstanceView;

describe("applyInstanceEvent", () => {
  it("starts from the snapshot and merges changes", () => {
    let view = applyInstanceEvent(undefined, { event: "snapshot", data: JSON.stringify(snapshot) });
    view = applyInstanceEvent(view, { event: "activity", data: JSON.stringify({ activityId: "a", status: "Completed", progress: 1 }) });
    view = applyInstanceEvent(view, { event: "journal", data: JSON.stringify({ event: "ActivityCompleted", activityId: "a" }) });
    view = applyInstanceEvent(view, { event: "instance", data: JSON.stringify({ status: "Finished", subStatus: "Finished" }) });
    expect(view!.activities.map((a) => a.status)).toEqual(["Completed", "Waiting"]);
    expect(view!.journal).toHaveLength(1);
    expect(view!.subStatus).toBe("Finished");
  });
  it("ignores changes before the snapshot", () => {
    expect(applyInstanceEvent(undefined, { event: "activity", data: "{}" })).toBeUndefined();
  });
});
