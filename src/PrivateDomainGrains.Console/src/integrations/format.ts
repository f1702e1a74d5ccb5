/** A timestamp of the API (ISO 8601) in the browser's time zone, to the minute; null stays null. */
export function when(iso: string | null, locale: string): string | null {
  return iso === null ? null : new Date(iso).toLocaleString(locale, { dateStyle: "short", timeStyle: "short" });
}
