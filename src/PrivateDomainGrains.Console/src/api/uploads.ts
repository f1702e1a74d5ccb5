/** Text files the console uploads (identity imports, batch tagging by CSV): the charset their Content-Type names. */

/**
 * The charset a file's bytes are text in: `utf-8` when they all decode as UTF-8, `gb18030` otherwise (a CSV saved by a
 * spreadsheet on a Chinese Windows is GBK, which GB18030 holds). Read as it streams, never held whole. The upload names
 * it, so the server never has to guess, and a GBK file is read as GBK instead of being refused as not UTF-8.
 */
export async function charsetOf(file: Blob): Promise<"utf-8" | "gb18030"> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    try {
      decoder.decode(value, { stream: !done });
    } catch {
      await reader.cancel();
      return "gb18030";
    }
    if (done) return "utf-8";
  }
}

/** The Content-Type an upload of `file` in `format` is sent with: the format and the file's charset. */
export async function uploadTypeOf(file: Blob, format: "text/csv" | "application/x-ndjson"): Promise<string> {
  return `${format}; charset=${await charsetOf(file)}`;
}
