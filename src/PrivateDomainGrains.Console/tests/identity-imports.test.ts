import { describe, expect, it } from "vitest";
import { formatOf, percentDone } from "../src/pool/imports";

describe("an identity import upload's format", () => {
  it("is JSON lines for a .jsonl or .ndjson file, whatever the case of its extension", () => {
    expect([formatOf("crm.jsonl"), formatOf("CRM.NDJSON")]).toEqual(["application/x-ndjson", "application/x-ndjson"]);
  });

  it("is CSV for any other file", () => {
    expect([formatOf("phones.csv"), formatOf("phones.txt"), formatOf("phones")]).toEqual(["text/csv", "text/csv", "text/csv"]);
  });
});

describe("an identity import's progress", () => {
  it("is the share of the rows read that were added, already there, refused or in conflict, rounded down", () => {
    expect(percentDone({ read: 3, added: 1, unchanged: 0, refused: 1, conflicts: 0 })).toBe(66);
  });

  it("is whole for an import with nothing to read", () => {
    expect(percentDone({ read: 0, added: 0, unchanged: 0, refused: 0, conflicts: 0 })).toBe(100);
  });
});
