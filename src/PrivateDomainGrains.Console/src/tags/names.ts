import type { Suggestion } from "../components/autocomplete";

/** A name per language ({"zh-CN":"干皮","en":"Dry skin"}): the UI's language, else Chinese, else any, else the fallback. */
export function nameIn(names: Record<string, string>, locale: string, fallback: string): string {
  return names[locale] ?? names["zh-CN"] ?? Object.values(names)[0] ?? fallback;
}

/**
 * Tags to suggest as one types in a customer's tag box: catalog tags whose name (in the UI's language or any other)
 * or tag contains the text, then free tags in use that contain it, leaving out those the customer holds. Labels are
 * "name · tag" where the name differs from the tag; the value is the tag itself (what the API takes). At most `limit`.
 */
export function tagSuggestions(
  text: string,
  catalog: readonly { tag: string; names: Record<string, string> }[],
  inUse: readonly string[],
  held: readonly string[],
  locale: string,
  limit = 10,
): Suggestion[] {
  const q = text.trim().toLowerCase();
  if (q.length === 0) return [];
  const hit = (s: string) => s.toLowerCase().includes(q);
  const out: Suggestion[] = [];
  const seen = new Set(held);
  for (const c of catalog) {
    if (seen.has(c.tag) || !(hit(c.tag) || Object.values(c.names).some(hit))) continue;
    const name = nameIn(c.names, locale, c.tag);
    out.push({ label: name === c.tag ? c.tag : `${name} · ${c.tag}`, value: c.tag });
    seen.add(c.tag);
  }
  for (const tag of inUse) if (!seen.has(tag) && hit(tag)) (out.push({ label: tag, value: tag }), seen.add(tag));
  return out.slice(0, limit);
}

/**
 * The batch card's tag pickers: the catalog's tags (labelled "name · tag"), then the free tags customers hold, so a
 * batch can remove or spread a tag that is not in the catalog without typing it; each tag once.
 */
export function batchTagOptions(catalogOptions: readonly Suggestion[], inUse: readonly { tag: string; inCatalog: boolean }[]): Suggestion[] {
  const seen = new Set(catalogOptions.map((o) => o.value));
  const free = inUse.filter((i) => !i.inCatalog && !seen.has(i.tag)).map((i) => ({ label: i.tag, value: i.tag }));
  return [...catalogOptions, ...free];
}
