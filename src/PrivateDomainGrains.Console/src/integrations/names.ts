import { useI18n } from "vue-i18n";

/** Where a scope's or an event type's label is among the page's strings: "events:write" → "events.write", "nudge.*" → "nudge.all", "*" → "all". */
export function labelKey(name: string): string {
  return name.replace(":", ".").replace(/\*$/, "all");
}

/** Labels for API scopes and webhook event types in the console's language; a name the console has no label for yet reads as it is. */
export function useNameLabels() {
  const { t, te } = useI18n();
  const label = (group: string, name: string) => {
    const key = `integrations.${group}.${labelKey(name)}`;
    return te(key) ? t(key) : name;
  };
  return { scopeLabel: (scope: string) => label("scopeNames", scope), eventTypeLabel: (type: string) => label("eventTypeNames", type) };
}
