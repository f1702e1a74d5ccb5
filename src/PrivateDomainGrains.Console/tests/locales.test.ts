import { baseCompile } from "@intlify/message-compiler";
import { describe, expect, it } from "vitest";

/**
 * Every message of every locale file (src/locales/**: the main catalog and each page's own) compiles with vue-i18n's
 * message compiler, and each zh-CN file has an English partner with the same keys. A message vue-i18n cannot compile
 * (a bare @, { or } where its syntax does not expect one) throws when the page renders it, which blanks the page, and
 * an @ before a word silently links to another message: such characters are written as literals, {'@'}.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>("../src/locales/**/*.ts", { eager: true });

type Messages = Record<string, unknown>;

/** Each message by its dotted key. */
function messages(catalog: Messages, prefix = ""): [string, unknown][] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    value !== null && typeof value === "object" ? messages(value as Messages, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

/** Whether an AST node holds a link to another message (NodeTypes.Linked, a const enum the tests cannot import). */
function links(node: unknown): boolean {
  return typeof node === "object" && node !== null && ((node as { type?: unknown }).type === 6 || Object.values(node).some(links));
}

/**
 * What the compiler finds wrong with `message`: nothing for a message vue-i18n renders as written. No message of the
 * console links to another, so an @ that reads as a link ("help@example.com" links to "example.com") is one meant literally.
 */
function compileErrors(message: string): string[] {
  const errors: string[] = [];
  const { ast } = baseCompile(message, { onError: (error) => errors.push(error.message), location: false });
  if (errors.length === 0 && links(ast)) errors.push("an @ reads as a link to another message: write {'@'}");
  return errors;
}

const zhFiles = Object.keys(files).filter((path) => path.includes("zh-CN"));

describe("the console's messages", () => {
  it("come in pairs of files, zh-CN and en", () => {
    expect(zhFiles.length).toBeGreaterThanOrEqual(5);
    expect(zhFiles.map((path) => path.replace("zh-CN", "en")).filter((path) => !(path in files))).toEqual([]);
    expect(Object.keys(files).filter((path) => !path.includes("zh-CN") && !(path.replace(/en(\.ts)$/, "zh-CN$1") in files))).toEqual([]);
  });

  it.each(zhFiles)("%s has the same keys as its English partner", (path) => {
    const keys = (file: string) => messages(files[file].default).map(([key]) => key).sort();

    expect(keys(path.replace("zh-CN", "en"))).toEqual(keys(path));
  });

  it.each(Object.keys(files))("%s: every message is text vue-i18n compiles", (path) => {
    const failures = messages(files[path].default)
      .map(([key, message]) => [key, typeof message === "string" ? compileErrors(message) : [`is a ${typeof message}, not text`]] as const)
      .filter(([, errors]) => errors.length > 0);

    expect(failures).toEqual([]);
  });

  it("finds the characters that blank a page, and takes them written as literals", () => {
    expect(compileErrors("write to help@example.com")).not.toEqual([]);
    expect(compileErrors("mail us @ the desk")).not.toEqual([]);
    expect(compileErrors("a { b")).not.toEqual([]);
    expect(compileErrors("a } b")).not.toEqual([]);
    expect(compileErrors("write to help{'@'}example.com")).toEqual([]);
    expect(compileErrors("{n} day | {n} days")).toEqual([]);
  });
});
