import { usePluginTranslation } from "../lib/i18n"

/**
 * Failure messages and fix hints come from the API in English (the sync log keeps one wording, for support and for
 * searching). In another admin language, a failure whose code has a translation shows the translated message and
 * hint; the rest stay as the API wrote them. The keys are listed (not built from the code) so that the translation
 * test can see each is used.
 */
const ERROR_KEYS: Record<string, { message: string; hint: string }> = {
  REQUIRED_FIELD_MISSING: {
    message: "errorCodes.REQUIRED_FIELD_MISSING.message",
    hint: "errorCodes.REQUIRED_FIELD_MISSING.hint",
  },
  STRING_TOO_LONG: {
    message: "errorCodes.STRING_TOO_LONG.message",
    hint: "errorCodes.STRING_TOO_LONG.hint",
  },
  INVALID_EMAIL_ADDRESS: {
    message: "errorCodes.INVALID_EMAIL_ADDRESS.message",
    hint: "errorCodes.INVALID_EMAIL_ADDRESS.hint",
  },
  FIELD_CUSTOM_VALIDATION_EXCEPTION: {
    message: "errorCodes.FIELD_CUSTOM_VALIDATION_EXCEPTION.message",
    hint: "errorCodes.FIELD_CUSTOM_VALIDATION_EXCEPTION.hint",
  },
  DUPLICATES_DETECTED: {
    message: "errorCodes.DUPLICATES_DETECTED.message",
    hint: "errorCodes.DUPLICATES_DETECTED.hint",
  },
  DUPLICATE_VALUE: {
    message: "errorCodes.DUPLICATE_VALUE.message",
    hint: "errorCodes.DUPLICATE_VALUE.hint",
  },
  INSUFFICIENT_ACCESS_OR_READONLY: {
    message: "errorCodes.INSUFFICIENT_ACCESS_OR_READONLY.message",
    hint: "errorCodes.INSUFFICIENT_ACCESS_OR_READONLY.hint",
  },
  UNABLE_TO_LOCK_ROW: {
    message: "errorCodes.UNABLE_TO_LOCK_ROW.message",
    hint: "errorCodes.UNABLE_TO_LOCK_ROW.hint",
  },
  REQUEST_LIMIT_EXCEEDED: {
    message: "errorCodes.REQUEST_LIMIT_EXCEEDED.message",
    hint: "errorCodes.REQUEST_LIMIT_EXCEEDED.hint",
  },
  API_BUDGET_REACHED: {
    message: "errorCodes.API_BUDGET_REACHED.message",
    hint: "errorCodes.API_BUDGET_REACHED.hint",
  },
  STORAGE_LIMIT_EXCEEDED: {
    message: "errorCodes.STORAGE_LIMIT_EXCEEDED.message",
    hint: "errorCodes.STORAGE_LIMIT_EXCEEDED.hint",
  },
  invalid_client: {
    message: "errorCodes.invalid_client.message",
    hint: "errorCodes.invalid_client.hint",
  },
  invalid_grant: {
    message: "errorCodes.invalid_grant.message",
    hint: "errorCodes.invalid_grant.hint",
  },
}

/** `message(code, text)` and `hint(code, text)`: the API's English text, or its translation for the code. */
export function useErrorText() {
  const { t, i18n } = usePluginTranslation()
  const translated = (code: string | null | undefined) =>
    code && !i18n.language.startsWith("en") ? ERROR_KEYS[code] : undefined
  return {
    message: (code: string | null | undefined, text: string | null) => {
      const keys = translated(code)
      return keys && text ? t(keys.message) : text
    },
    hint: (code: string | null | undefined, text: string | null) => {
      const keys = translated(code)
      return keys && text ? t(keys.hint) : text
    },
  }
}
