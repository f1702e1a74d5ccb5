import { afterEach, describe, expect, it, vi } from "vitest";
import { tagsApi } from "../src/api/tags";

describe("a batch tagging CSV upload", () => {
  afterEach(() => vi.unstubAllGlobals());

  /** Starts a CSV job and answers the Content-Type the request was sent with. */
  async function sentType(csv: Blob): Promise<string> {
    const fetch = vi.fn(async (_path: string, _init: RequestInit) => new Response(JSON.stringify({ jobId: "j", statusUrl: "/s" }), { status: 202 }));
    vi.stubGlobal("fetch", fetch);
    await tagsApi.startCsvJob("token", ["vip"], [], csv);
    return (fetch.mock.calls[0]![1].headers as Record<string, string>)["Content-Type"]!;
  }

  it("names GB18030 for a GBK export, so its Chinese is read and not refused at its line", async () => {
    // 吴老师 in GBK: what a spreadsheet on a Chinese Windows saves.
    const gbk = new Blob([new TextEncoder().encode("kind,value\nnickname,"), new Uint8Array([0xce, 0xe2, 0xc0, 0xcf, 0xca, 0xa6]), "\n"]);
    expect(await sentType(gbk)).toBe("text/csv; charset=gb18030");
  });

  it("names UTF-8 for a UTF-8 file, Chinese included", async () => {
    expect(await sentType(new Blob(["kind,value\nnickname,吴老师\n"]))).toBe("text/csv; charset=utf-8");
  });
});
