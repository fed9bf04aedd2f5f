import ar from "./json/ar.json"
import de from "./json/de.json"
import en from "./json/en.json"

/**
 * The plugin's admin strings, merged by the dashboard into its own i18next resources (Medusa 2.11.1+): English,
 * German and Arabic. Other admin languages fall back to English, as the dashboard's own strings do.
 */
export default {
  en: { translation: en },
  de: { translation: de },
  ar: { translation: ar },
}
