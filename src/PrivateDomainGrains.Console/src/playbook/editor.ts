import { computed, reactive, ref, type InjectionKey } from "vue";
import { placeErrors, setAt, type FieldErrors, type Json, type JsonObject, type Path } from "./document";

/**
 * The editor's state shared by its fields (provide/inject): the document being edited, the server's last errors by
 * JSON path, and which paths have a field on screen now, so that every error is shown at its field or the nearest
 * enclosing one that is shown.
 */
export function createEditor() {
  const doc = ref<JsonObject>({});
  const errors = ref<FieldErrors>({});
  const shown = reactive(new Map<string, number>());
  const placed = computed(() => placeErrors(errors.value, new Set(shown.keys())));

  return {
    doc,
    errors,
    placed,
    set(path: Path, value: Json | undefined): void {
      doc.value = setAt(doc.value, path, value);
    },
    /** A field for `path` is on screen (counted: the same path may be shown twice). */
    show(path: string): void {
      shown.set(path, (shown.get(path) ?? 0) + 1);
    },
    hide(path: string): void {
      const n = (shown.get(path) ?? 0) - 1;
      if (n > 0) shown.set(path, n);
      else shown.delete(path);
    },
    errorsAt(path: string): string[] {
      return placed.value[path] ?? [];
    },
  };
}

export type Editor = ReturnType<typeof createEditor>;

export const editorKey: InjectionKey<Editor> = Symbol("playbook-editor");
