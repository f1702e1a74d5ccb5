/** An autocomplete suggestion: `label` is what the user reads (a name), `value` what the API takes (an id, a tag). */
export type Suggestion = {
  label: string;
  value: string;
};

/**
 * What an autocomplete box stands for. Naive UI's NAutoComplete fills the box with the picked suggestion's label
 * ("Customer 30 · c0030"), so the value sent is the one picked while the box still shows its label, else a
 * suggestion whose label the user typed out in full, else the typed text itself (an id typed by hand).
 */
export function pickedValue(text: string, suggestions: readonly Suggestion[], picked: Suggestion | null): string {
  const typed = text.trim();
  if (picked && picked.label.trim() === typed) return picked.value;
  return suggestions.find((s) => s.label.trim() === typed)?.value ?? typed;
}
