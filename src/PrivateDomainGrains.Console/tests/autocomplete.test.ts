import { describe, expect, it } from "vitest";
import { pickedValue } from "../src/components/autocomplete";

const customer30 = { label: "Customer 30 · c0030", value: "c0030" };

describe("an autocomplete box", () => {
  it("stands for the picked suggestion's id while it shows that suggestion's label", () => {
    expect(pickedValue("Customer 30 · c0030", [], customer30)).toBe("c0030");
  });

  it("stands for a suggestion whose label was typed out in full", () => {
    expect(pickedValue(" Customer 30 · c0030 ", [customer30], null)).toBe("c0030");
  });

  it("stands for the typed text once it was edited after a pick", () => {
    expect(pickedValue("c0031", [], customer30)).toBe("c0031");
  });

  it("stands for an id typed by hand", () => {
    expect(pickedValue(" c0042 ", [customer30], null)).toBe("c0042");
  });
});
