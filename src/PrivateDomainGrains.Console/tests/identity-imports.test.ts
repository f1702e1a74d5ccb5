import { describe, expect, it } from "vitest";
import { charsetOf, uploadTypeOf } from "../src/api/uploads";
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

describe("an identity import upload's charset", () => {
  // 吴老师 in GBK: what a spreadsheet on a Chinese Windows saves.
  const gbk = new Uint8Array([0xce, 0xe2, 0xc0, 0xcf, 0xca, 0xa6]);
  const text = (bytes: BlobPart) => new Blob([new TextEncoder().encode("customerId,kind,value\nwu,nickname,"), bytes, new TextEncoder().encode("\n")]);

  it("is UTF-8 for a file whose bytes are all UTF-8, Chinese included", async () => {
    expect(await charsetOf(text(new TextEncoder().encode("吴老师")))).toBe("utf-8");
    expect(await charsetOf(new Blob([]))).toBe("utf-8");
  });

  it("is GB18030 for a file that is not UTF-8, such as a GBK export", async () => {
    expect(await charsetOf(text(gbk))).toBe("gb18030");
  });

  it("is named in the Content-Type the upload is sent with, CSV or JSON lines", async () => {
    expect(await uploadTypeOf(text(gbk), "text/csv")).toBe("text/csv; charset=gb18030");
    expect(await uploadTypeOf(new Blob(['{"customerId":"wu","kind":"nickname","value":"吴老师"}\n']), "application/x-ndjson")).toBe(
      "application/x-ndjson; charset=utf-8",
    );
  });
});
