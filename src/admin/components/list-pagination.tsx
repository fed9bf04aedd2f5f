import { DataTable } from "@medusajs/ui"
import { usePluginTranslation } from "../lib/i18n"

/**
 * A list's pagination. Big lists stop counting 1,000 rows past the page (`count_capped`: counting every row of a
 * 100,000-row log on each page would cost more than the page), and then say "of 1020 or more results".
 */
export function ListPagination({ capped }: { capped?: boolean }) {
  const { t } = usePluginTranslation()
  // The words of @medusajs/ui's pagination ("21 – 40 of 1020 results", "2 of 51 pages"): its own are English only.
  const words = {
    of: t("pagination.of"),
    results: t(capped ? "pagination.orMoreResults" : "pagination.results"),
    pages: t(capped ? "pagination.orMorePages" : "pagination.pages"),
    prev: t("pagination.prev"),
    next: t("pagination.next"),
  }
  return <DataTable.Pagination translations={words} />
}
