import { describe, expect, it } from "vitest";
import { parseCsv, sortRows } from "./csv";

describe("csv", () => {
  it("parses quoted fields", () => {
    expect(parseCsv('loss,mean\n"a, b",0.5\r\n"say ""x""",10\n')).toEqual([["loss", "mean"], ["a, b", "0.5"], ['say "x"', "10"]]);
  });
  it("sorts numbers as numbers", () => {
    expect(sortRows([["9"], ["10"], ["2"]], 0, true).map((r) => r[0])).toEqual(["2", "9", "10"]);
    expect(sortRows([["9"], ["10"]], 0, false).map((r) => r[0])).toEqual(["10", "9"]);
  });
});
