import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  listTransformQueryConfig,
  retrieveTransformQueryConfig,
} from "./query-config"
import {
  AdminCreateInvoice,
  AdminCreateInvoiceComment,
  AdminGetInvoiceParams,
  AdminGetInvoicesParams,
} from "./validators"

export const adminInvoiceRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/invoices",
    middlewares: [
      validateAndTransformQuery(
        AdminGetInvoicesParams,
        listTransformQueryConfig
      ),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices",
    middlewares: [
      validateAndTransformBody(AdminCreateInvoice),
      validateAndTransformQuery(
        AdminGetInvoiceParams,
        retrieveTransformQueryConfig
      ),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/invoices/:id",
    middlewares: [
      validateAndTransformQuery(
        AdminGetInvoiceParams,
        retrieveTransformQueryConfig
      ),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/comments",
    middlewares: [
      validateAndTransformBody(AdminCreateInvoiceComment),
      validateAndTransformQuery(
        AdminGetInvoiceParams,
        retrieveTransformQueryConfig
      ),
    ],
  },
]
