/**
 * The playbook editor's model: the playbook document itself (JSON, as GET/PUT /playbook carry it), edited in place by
 * the forms through JSON paths and shown as text beside them, so either side edits the same thing and nothing the forms
 * do not know (conditions, variants, fields of a newer server) is lost. Paths are written as the server's validator
 * writes them (`$.rules[0].trigger.event`), so a 400's `errors` land on the form field of the same path.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
/** Keys and array indexes from the root. */
export type Path = readonly (string | number)[];

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path as the API names it: `$`, `$.rules[0].trigger.event`, `$['odd key']`. */
export function pathText(path: Path): string {
  return path.reduce<string>(
    (text, part) => (typeof part === "number" ? `${text}[${part}]` : plainKey.test(part) ? `${text}.${part}` : `${text}['${part.replace(/'/g, "\\'")}']`),
    "$",
  );
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function getAt(doc: Json | undefined, path: Path): Json | undefined {
  let at: Json | undefined = doc;
  for (const part of path) {
    if (typeof part === "number") at = Array.isArray(at) ? at[part] : undefined;
    else at = isObject(at) ? at[part] : undefined;
    if (at === undefined) return undefined;
  }
  return at;
}

/**
 * A copy of `doc` with `value` at `path`, creating the objects on the way. An empty value (undefined, null, "" or a
 * blank-only string) removes an object's key, so a cleared optional field is absent (the server's default) rather than
 * an empty string the validator refuses; in an array it removes the element.
 */
export function setAt(doc: JsonObject, path: Path, value: Json | undefined): JsonObject {
  return set(doc, path, 0, value) as JsonObject;
}

function empty(value: Json | undefined): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function set(node: Json | undefined, path: Path, i: number, value: Json | undefined): Json | undefined {
  const part = path[i]!;
  const last = i === path.length - 1;
  if (typeof part === "number") {
    const list = Array.isArray(node) ? [...node] : [];
    if (last) {
      if (empty(value)) list.splice(part, 1);
      else list[part] = value!;
    } else list[part] = set(list[part], path, i + 1, value) ?? {};
    return list;
  }
  const object: JsonObject = isObject(node) ? { ...node } : {};
  const next = last ? value : set(object[part], path, i + 1, value);
  if (last && empty(next)) delete object[part];
  else object[part] = next!;
  return object;
}

/** A copy of `doc` with `item` appended to the array at `path` (created when absent). */
export function appendAt(doc: JsonObject, path: Path, item: Json): JsonObject {
  const list = getAt(doc, path);
  return setAt(doc, path, [...(Array.isArray(list) ? list : []), item]);
}

/** A copy of `doc` without element `index` of the array at `path`. */
export function removeAt(doc: JsonObject, path: Path, index: number): JsonObject {
  const list = getAt(doc, path);
  return Array.isArray(list) ? setAt(doc, path, list.filter((_, i) => i !== index)) : doc;
}

/** The document as the JSON pane shows it: two-space indented, in the document's own key order. */
export function formatDocument(doc: JsonObject): string {
  return JSON.stringify(doc, null, 2);
}

/** The JSON pane's text read back: the document, or why it is not one (the forms keep the last good document meanwhile). */
export function parseDocument(text: string): { doc: JsonObject; problem: null } | { doc: null; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { doc: null, problem: e instanceof Error ? e.message : String(e) };
  }
  return isObject(value as Json) ? { doc: value as JsonObject, problem: null } : { doc: null, problem: "not a JSON object" };
}

/** A comma- or newline-separated list as typed in a field (`message.sent, order.paid`) and back. */
export function listText(value: Json | undefined): string {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string").join(", ") : "";
}

export function textList(text: string): string[] | undefined {
  const items = text.split(/[,，\n]/).map((s) => s.trim()).filter((s) => s.length > 0);
  return items.length > 0 ? items : undefined;
}

export type FieldErrors = Record<string, string[]>;

/**
 * The errors of a 400 keyed by the document's paths: a dry run reports a candidate's under `$.playbook`, which is
 * taken off (`$.playbook.rules[0]` → `$.rules[0]`); keys outside `prefix` are left out.
 */
export function documentErrors(errors: FieldErrors, prefix = "$"): FieldErrors {
  const result: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) {
    if (key === prefix) result["$"] = [...(result["$"] ?? []), ...messages];
    else if (key.startsWith(prefix + ".") || key.startsWith(prefix + "[")) {
      const path = "$" + key.slice(prefix.length);
      result[path] = [...(result[path] ?? []), ...messages];
    }
  }
  return result;
}

/** `$.rules[0].trigger.event` → `$.rules[0].trigger`, then `$.rules[0]`, `$.rules`, `$`; `$` has no parent. */
export function parentPath(path: string): string | null {
  if (path === "$") return null;
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut <= 0 ? "$" : path.slice(0, cut);
}

/**
 * Each error at the field that shows its path, or else at the nearest enclosing one that is shown (an error inside a
 * rule's conditions, which only the JSON pane edits, lands on the rule's conditions note; anything else at `$`).
 */
export function placeErrors(errors: FieldErrors, shown: ReadonlySet<string>): FieldErrors {
  const placed: FieldErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    let at: string | null = path;
    while (at !== null && at !== "$" && !shown.has(at)) at = parentPath(at);
    const key = at ?? "$";
    const lead = key === path ? messages : messages.map((m) => `${path.slice(key.length).replace(/^\./, "")}: ${m}`);
    placed[key] = [...(placed[key] ?? []), ...lead];
  }
  return placed;
}

/** An id not yet used among `taken`: `base`, `base-2`, `base-3`... */
export function freshId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** The ids of the objects in the array at `path`. */
export function idsAt(doc: JsonObject, path: Path): string[] {
  const list = getAt(doc, path);
  return Array.isArray(list) ? list.map((item) => (isObject(item) && typeof item.id === "string" ? item.id : "")) : [];
}

/** A new rule: a nudge on an incoming message, which the operator then changes. */
export function newRule(doc: JsonObject): JsonObject {
  return {
    id: freshId("rule", idsAt(doc, ["rules"])),
    trigger: { kind: "event", event: "message.received" },
    actions: [{ kind: "nudge", nudgeKind: "reply", title: "", script: "" }],
  };
}

/** A new SOP with one step. */
export function newSequence(doc: JsonObject): JsonObject {
  return { id: freshId("sop", idsAt(doc, ["sequences"])), steps: [{ id: "step-1", delay: "1d", nudge: { kind: "nudge", nudgeKind: "follow-up", title: "", script: "" } }] };
}
