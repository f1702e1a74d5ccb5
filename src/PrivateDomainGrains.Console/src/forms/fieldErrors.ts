import { ApiError } from "../api/client";

/**
 * A refused form's errors as the form shows them: each of a 400's `errors` at the field it names, the summary (the
 * problem's detail) at the top. The server names every wrong field at once (`script.title` and `script.text`), so the
 * form reads `errors`, never a field quoted in `detail`.
 */
export interface FieldErrors {
  /** Messages by the form's field (a JSON path the form shows: `name`, `script.variants[1].text`). */
  at: Record<string, string>;
  /** What the problem says of the whole, with any error whose field the form does not show. */
  summary: string;
}

/** `a.b[1].c` → `a.b[1]` → `a.b` → `a`, then null: the field enclosing a JSON path. */
function enclosing(path: string): string | null {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut > 0 ? path.slice(0, cut) : null;
}

/**
 * A 400's errors placed at the fields `shows` accepts: each at its own field, or at the nearest enclosing one shown
 * (`script.variants` for `script.variants[1]` when the form shows no box for the variant as a whole); errors of no
 * shown field join the summary. Null when `e` is not a 400 that names fields.
 */
export function fieldErrors(e: unknown, shows: (field: string) => boolean): FieldErrors | null {
  if (!(e instanceof ApiError) || e.status !== 400 || Object.keys(e.errors).length === 0) return null;
  const at: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [path, messages] of Object.entries(e.errors)) {
    let field: string | null = path.replace(/^\$\.?/, "");
    while (field !== null && !shows(field)) field = enclosing(field);
    const text = messages.join(" ");
    if (field === null) unplaced.push(text);
    else at[field] = at[field] ? `${at[field]} ${text}` : text;
  }
  return { at, summary: [e.detail ?? e.title, ...unplaced].join(" ") };
}

/** A Naive UI form item's feedback for `field`: its message in red, or nothing. */
export function feedbackAt(errors: FieldErrors | null, field: string): { feedback?: string; validationStatus?: "error" } {
  const message = errors?.at[field];
  return message ? { feedback: message, validationStatus: "error" } : {};
}
