import { getI18n, useTranslation } from "react-i18next"

/**
 * The plugin's strings live under one top-level key of the admin's "translation" namespace: the dashboard
 * deep-merges every extension's resources into its own, so a bare key like "title" would overwrite the admin's.
 */
export const KEY_PREFIX = "salesforceInvoices"

/** `useTranslation` of the dashboard's react-i18next (the same instance, not a copy), scoped to our keys. */
export function usePluginTranslation() {
  return useTranslation(undefined, { keyPrefix: KEY_PREFIX })
}

/** For code outside React (toasts fired after a request): the admin's i18next instance, scoped to our keys. */
export function translate(key: string, options?: Record<string, unknown>) {
  return getI18n().t(`${KEY_PREFIX}.${key}`, options)
}

/**
 * The admin's language as a BCP 47 tag for Intl: the dashboard's codes are "de", "ar", "ptBR", "zhCN"; Intl wants
 * "pt-BR". Read at call time so a language change in the profile applies at the next render.
 */
export function adminLocale(): string | undefined {
  const language = getI18n()?.language
  return language ? language.replace(/([a-z])([A-Z])/g, "$1-$2") : undefined
}
