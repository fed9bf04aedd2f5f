export * from "./create-invoice-comment"
export * from "./create-invoice-documents"
export * from "./validate-order-not-invoiced"
export * from "./validate-order-invoiceable"
