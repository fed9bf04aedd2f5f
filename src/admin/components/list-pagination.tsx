import { DataTable } from "@medusajs/ui"

// The words of @medusajs/ui's pagination ("21 – 40 of 1020 results", "2 of 51 pages"), for a capped count.
const AT_LEAST = {
  of: "of",
  results: "or more results",
  pages: "or more pages",
  prev: "Prev",
  next: "Next",
}

/**
 * A list's pagination. Big lists stop counting 1,000 rows past the page (`count_capped`: counting every row of a
 * 100,000-row log on each page would cost more than the page), and then say "of 1020 or more results".
 */
export function ListPagination({ capped }: { capped?: boolean }) {
  return <DataTable.Pagination translations={capped ? AT_LEAST : undefined} />
}
