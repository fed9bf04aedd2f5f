import type { LocalStore } from "./local-store"

/** What `npm run dev` and `npm run dev:cluster` print once the store answers: where to go and how to log in. */
export function readyBanner(
  base: string,
  store: Pick<LocalStore, "admin" | "salesforceNote">,
  extra: string[] = []
): string {
  return [
    "",
    "  Medusa with Salesforce invoice sync is ready.",
    `  Admin:    ${base}/app`,
    `  Login:    ${store.admin.email} / ${store.admin.password}`,
    `  Invoices: ${base}/app/invoices`,
    `  ${store.salesforceNote}`,
    ...extra.map((line) => `  ${line}`),
    "",
  ].join("\n")
}
