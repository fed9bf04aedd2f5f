export * from "./add-invoice-comment"
export * from "./create-credit-notes"
export * from "./create-order-invoice"
