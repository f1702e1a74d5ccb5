import { describe, expect, it } from "vitest";
import {
  appendAt,
  documentErrors,
  formatDocument,
  freshId,
  getAt,
  listText,
  newRule,
  parseDocument,
  pathText,
  placeErrors,
  removeAt,
  setAt,
  textList,
  type JsonObject,
} from "../src/playbook/document";

const playbook = (): JsonObject => ({
  timeZone: "Asia/Shanghai",
  rules: [
    {
      id: "welcome",
      trigger: { kind: "event", event: "friend.added" },
      conditions: [{ kind: "tags", none: ["vip"] }],
      actions: [{ kind: "nudge", nudgeKind: "welcome", title: "Welcome {name}", script: "Say hello", variants: [{ id: "a" }] }],
    },
  ],
  keywords: [{ keyword: "price", tag: "price-sensitive" }],
  futureField: { kept: true },
});

describe("paths as the server's validator writes them", () => {
  it("names keys with dots and indexes with brackets", () => {
    expect(pathText([])).toBe("$");
    expect(pathText(["rules", 0, "trigger", "event"])).toBe("$.rules[0].trigger.event");
    expect(pathText(["contactPolicy", "caps", 1, "max"])).toBe("$.contactPolicy.caps[1].max");
    expect(pathText(["data", "odd key"])).toBe("$.data['odd key']");
  });
});

describe("editing the document from the form", () => {
  it("sets a field deep in the document and leaves everything else as it was", () => {
    const before = playbook();
    const after = setAt(before, ["rules", 0, "trigger", "event"], "message.received");
    expect(getAt(after, ["rules", 0, "trigger", "event"])).toBe("message.received");
    expect(getAt(before, ["rules", 0, "trigger", "event"])).toBe("friend.added");
    // What the forms do not edit (conditions, variants, fields of a newer server) goes through untouched.
    expect(getAt(after, ["rules", 0, "conditions"])).toEqual([{ kind: "tags", none: ["vip"] }]);
    expect(getAt(after, ["rules", 0, "actions", 0, "variants"])).toEqual([{ id: "a" }]);
    expect(after.futureField).toEqual({ kept: true });
  });

  it("creates the objects on the way to a new field", () => {
    const after = setAt({}, ["contactPolicy", "quietHours", "start"], "22:00");
    expect(after).toEqual({ contactPolicy: { quietHours: { start: "22:00" } } });
  });

  it("removes a cleared optional field instead of sending an empty string or null", () => {
    let doc = setAt(playbook(), ["rules", 0, "description"], "greets new friends");
    doc = setAt(doc, ["rules", 0, "description"], "   ");
    expect("description" in (getAt(doc, ["rules", 0]) as JsonObject)).toBe(false);
    doc = setAt(doc, ["tiers", "dormantAfterDays"], 30);
    doc = setAt(doc, ["tiers", "dormantAfterDays"], null);
    expect(getAt(doc, ["tiers"])).toEqual({});
  });

  it("keeps zero and false, which are values", () => {
    const doc = setAt(setAt(playbook(), ["rules", 0, "priority"], 0), ["rules", 0, "actions", 0, "proactive"], false);
    expect(getAt(doc, ["rules", 0, "priority"])).toBe(0);
    expect(getAt(doc, ["rules", 0, "actions", 0, "proactive"])).toBe(false);
  });

  it("appends and removes list items", () => {
    let doc = appendAt(playbook(), ["keywords"], { keyword: "refund", tag: "refund" });
    expect(getAt(doc, ["keywords", 1, "tag"])).toBe("refund");
    doc = removeAt(doc, ["keywords"], 0);
    expect(getAt(doc, ["keywords"])).toEqual([{ keyword: "refund", tag: "refund" }]);
    doc = appendAt({}, ["sequences"], { id: "sop" });
    expect(doc).toEqual({ sequences: [{ id: "sop" }] });
  });

  it("gives a new rule an id no other rule has", () => {
    const doc = appendAt(appendAt(playbook(), ["rules"], { id: "rule" }), ["rules"], { id: "rule-2" });
    expect(newRule(doc).id).toBe("rule-3");
    expect(freshId("sop", [])).toBe("sop");
  });

  it("reads and writes comma-separated lists", () => {
    expect(textList("message.sent, order.paid，friend.added\n")).toEqual(["message.sent", "order.paid", "friend.added"]);
    expect(textList(" , ")).toBeUndefined();
    expect(listText(["a", "b"])).toBe("a, b");
    expect(listText(undefined)).toBe("");
  });
});

describe("the JSON pane", () => {
  it("round-trips the document exactly, in its own key order", () => {
    const text = formatDocument(playbook());
    const back = parseDocument(text);
    expect(back.problem).toBeNull();
    expect(back.doc).toEqual(playbook());
    expect(Object.keys(back.doc!)).toEqual(["timeZone", "rules", "keywords", "futureField"]);
    expect(formatDocument(back.doc!)).toBe(text);
  });

  it("says why text is not a playbook and gives no document", () => {
    expect(parseDocument('{ "rules": [ }').problem).toBeTruthy();
    expect(parseDocument("[1, 2]")).toEqual({ doc: null, problem: "not a JSON object" });
  });
});

describe("the server's errors on the form", () => {
  it("takes a dry run's candidate errors out from under $.playbook and leaves the request's own out", () => {
    const errors = documentErrors(
      { "$.playbook.rules[0].trigger.event": ["unknown event"], "$.playbook": ["must be an object"], "$.customerId": ["required"] },
      "$.playbook",
    );
    expect(errors).toEqual({ "$.rules[0].trigger.event": ["unknown event"], $: ["must be an object"] });
    expect(documentErrors({ "$.timeZone": ["unknown zone"] })).toEqual({ "$.timeZone": ["unknown zone"] });
  });

  it("puts each error at its field, or at the nearest enclosing field that is shown, naming the rest of the path", () => {
    const shown = new Set(["$.timeZone", "$.rules[0].trigger.event", "$.rules[0].conditions", "$.rules[0]"]);
    const placed = placeErrors(
      {
        "$.rules[0].trigger.event": ["unknown event"],
        "$.rules[0].conditions[1].op": ["must be one of >, >=, <, <="],
        "$.rules[0].actions[0].variants[0].weight": ["must be > 0"],
        "$.timeZone": ["unknown zone"],
        "$.ownership.fallbackOwner": ["unknown staff"],
      },
      shown,
    );
    expect(placed["$.rules[0].trigger.event"]).toEqual(["unknown event"]);
    expect(placed["$.rules[0].conditions"]).toEqual(["[1].op: must be one of >, >=, <, <="]);
    expect(placed["$.rules[0]"]).toEqual(["actions[0].variants[0].weight: must be > 0"]);
    expect(placed["$.timeZone"]).toEqual(["unknown zone"]);
    expect(placed["$"]).toEqual(["ownership.fallbackOwner: unknown staff"]);
  });
});
