import { describe, expect, it } from "vitest";
import { apiScopes } from "../src/api/integrations";
import { labelKey } from "../src/integrations/names";
import en from "../src/locales/integrations/en";
import zhCN from "../src/locales/integrations/zh-CN";

/** The message at a dotted path of a catalog, or undefined. */
const at = (catalog: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), catalog);

describe("the integrations page's names", () => {
  it("find their labels under the name's parts", () => {
    expect(labelKey("events:write")).toBe("events.write");
    expect(labelKey("customer.merged-into")).toBe("customer.merged-into");
    expect(labelKey("nudge.*")).toBe("nudge.all");
    expect(labelKey("*")).toBe("all");
  });

  it.each(apiScopes)("scope %s has a label in Chinese and in English", (scope) => {
    expect(typeof at(zhCN.scopeNames, labelKey(scope))).toBe("string");
    expect(typeof at(en.scopeNames, labelKey(scope))).toBe("string");
  });
});
