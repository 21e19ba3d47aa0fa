import { describe, expect, it } from "vitest";
import { estimateRemainingMs, formatDuration } from "./format";

describe("format", () => {
  it("formats durations", () => {
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(3 * 3600_000 + 12 * 60_000)).toBe("3 h 12 min");
    expect(formatDuration(-1)).toBe("—");
  });
  it("extrapolates the remaining time from the progress so far", () => {
    const start = "2026-01-01T00:00:00Z";
    expect(estimateRemainingMs(start, 0.25, new Date(start).getTime() + 60_000)).toBe(180_000);
    expect(estimateRemainingMs(start, 0, 0)).toBeNull();
    expect(estimateRemainingMs(start, 1, 0)).toBeNull();
  });
});
