import { catalogue, type Locale, type MessageKey } from "./messages";

let locale: Locale = (navigator.language || "en").toLowerCase().startsWith("de") ? "de" : "en";
const listeners = new Set<() => void>();

export function currentLocale(): Locale {
  return locale;
}

export function setLocale(next: Locale) {
  locale = next;
  document.documentElement.lang = next;
  listeners.forEach((l) => l());
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function fill(text: string, vars?: Record<string, string | number>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`)) : text;
}

/** A message of the catalogue, with {placeholders} filled in. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return fill(catalogue[locale][key] ?? catalogue.en[key] ?? key, vars);
}

/**
 * A message named by an API code under a prefix (status., docStatus., rejection., code., ...); codes the
 * catalogue does not know yet (new statuses from the server) fall back to the prefix's "unknown" entry.
 */
export function tc(prefix: string, code: string | null | undefined, vars?: Record<string, string | number>): string {
  const key = `${prefix}.${code}` as MessageKey;
  if (code && key in catalogue.en) {
    return t(key, vars);
  }
  return t(`${prefix}.unknown` as MessageKey, { code: code ?? "?", ...vars });
}
