/**
 * An amount in its currency, formatted for the console's locale ("¥88.50" in zh-CN, "CN¥88.50" in en, "US$12.00" in
 * zh-CN); without a currency, or with XXX (the platform's "no currency named"), the number as it is; a code the
 * browser does not know as "88.5 ABC". Amounts in different currencies are never added.
 */
export function money(amount: number, currency: string | null | undefined, locale: string): string {
  if (!currency || currency === "XXX") return String(amount);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** The order events whose data carries an amount (POST /events: data.amount, data.currency). */
const orderEvents = new Set(["order.paid", "order.refunded"]);

/**
 * An order event's amount in its currency (`fallbackCurrency`, the customer's own, when the event names none), or null
 * for another event or one without an amount that reads as a number.
 */
export function orderAmount(type: string, data: Record<string, string | null> | null, fallbackCurrency: string | null, locale: string): string | null {
  const amount = data?.amount;
  if (!orderEvents.has(type) || amount === null || amount === undefined || amount.trim() === "" || !Number.isFinite(Number(amount))) return null;
  return money(Number(amount), data?.currency ?? fallbackCurrency, locale);
}
