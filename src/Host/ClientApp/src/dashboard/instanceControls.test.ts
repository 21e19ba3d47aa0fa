import { describe, expect, it } from "vitest";
import { resumeRefusal } from "./instanceControls";

describe("resumeRefusal", () => {
  it("allows what the server resumes and says why the rest is refused", () => {
    for (const s of ["Stalled", "Faulted", "Cancelled", "Suspended"]) expect(resumeRefusal(s)).toBeNull();
    expect(resumeRefusal("Finished")).toBe("This instance finished: there is nothing left to resume.");
    expect(resumeRefusal("Executing")).toBe("This instance is executing: only a stalled, faulted, cancelled or suspended instance can be resumed.");
    expect(resumeRefusal("Pending")).toContain("is pending");
  });
});
