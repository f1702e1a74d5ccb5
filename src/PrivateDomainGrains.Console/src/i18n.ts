import { createI18n } from "vue-i18n";
import { setServerLanguage } from "./api/client";
import en from "./locales/en";
import zhCN from "./locales/zh-CN";

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];

const storageKey = "pdg.console.locale";

function initialLocale(): Locale {
  const stored = localStorage.getItem(storageKey);
  return (locales as readonly string[]).includes(stored ?? "") ? (stored as Locale) : "zh-CN";
}

/** Chinese by default; the staff member's choice is remembered in this browser. */
export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: "zh-CN",
  messages: { "zh-CN": zhCN, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  setServerLanguage(locale);
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}

document.documentElement.lang = i18n.global.locale.value;
setServerLanguage(i18n.global.locale.value);
