import { describe, expect, it } from "vitest";
import { parseSseChunk } from "./sseParser";

describe("parseSseChunk", () => {
  it("splits complete messages and keeps the unfinished rest", () => {
    const { messages, rest } = parseSseChunk("event: snapshot\ndata: {\"a\":1}\n\n: keep-alive\n\ndata: x\ndata: y\n\nevent: act");
    expect(messages).toEqual([
      { event: "snapshot", data: "{\"a\":1}" },
      { event: "message", data: "x\ny" },
    ]);
    expect(rest).toBe("event: act");
  });
});
