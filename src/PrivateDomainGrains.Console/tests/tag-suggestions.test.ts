import { describe, expect, it } from "vitest";
import { batchTagOptions, nameIn, tagSuggestions } from "../src/tags/names";

const catalog: { tag: string; names: Record<string, string> }[] = [
  { tag: "skin-dry", names: { "zh-CN": "干皮", en: "Dry skin" } },
  { tag: "skin-oily", names: { "zh-CN": "油皮", en: "Oily skin" } },
  { tag: "vip", names: {} },
];

describe("the customer tag box", () => {
  it("suggests catalog tags by their name in any language, labelled in the UI's, sending the tag", () => {
    expect(tagSuggestions("干", catalog, [], [], "zh-CN")).toEqual([{ label: "干皮 · skin-dry", value: "skin-dry" }]);
    expect(tagSuggestions("干", catalog, [], [], "en")).toEqual([{ label: "Dry skin · skin-dry", value: "skin-dry" }]);
    expect(tagSuggestions("skin", catalog, [], [], "en").map((s) => s.value)).toEqual(["skin-dry", "skin-oily"]);
  });

  it("suggests free tags in use after catalog ones, and none the customer holds", () => {
    expect(tagSuggestions("v", catalog, ["vip", "vip-2025"], ["vip"], "zh-CN")).toEqual([{ label: "vip-2025", value: "vip-2025" }]);
  });

  it("suggests nothing for an empty box", () => {
    expect(tagSuggestions("  ", catalog, ["vip"], [], "zh-CN")).toEqual([]);
  });
});

describe("a catalog name", () => {
  it("is in the UI's language, else Chinese, else any, else the tag", () => {
    expect(nameIn({ "zh-CN": "干皮", en: "Dry skin" }, "en", "skin-dry")).toBe("Dry skin");
    expect(nameIn({ "zh-CN": "干皮" }, "en", "skin-dry")).toBe("干皮");
    expect(nameIn({}, "en", "skin-dry")).toBe("skin-dry");
  });
});

describe("the batch card's tag pickers", () => {
  it("offer the catalog's tags, then the free tags customers hold, each once", () => {
    const catalogOptions = [{ label: "干皮 · skin-dry", value: "skin-dry" }];
    const inUse = [
      { tag: "skin-dry", inCatalog: true },
      { tag: "老客户", inCatalog: false },
      { tag: "vip", inCatalog: false },
    ];
    expect(batchTagOptions(catalogOptions, inUse)).toEqual([
      { label: "干皮 · skin-dry", value: "skin-dry" },
      { label: "老客户", value: "老客户" },
      { label: "vip", value: "vip" },
    ]);
  });
});
