import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { validateIdParam } from "../../utils/validate-id-param"
import { AdminNoParams } from "../salesforce/validators"
import {
  listTransformQueryConfig,
  retrieveTransformQueryConfig,
} from "./query-config"
import {
  AdminCreateInvoice,
  AdminCreateInvoiceComment,
  AdminGetEInvoiceParams,
  AdminGetInvoiceParams,
  AdminGetInvoicesParams,
} from "./validators"

export const adminInvoiceRoutesMiddlewares: MiddlewareRoute[] = [
  // Every route of one invoice (a method-less matcher is a prefix): its id checked before anything reads it.
  {
    matcher: "/admin/invoices/:id",
    middlewares: [validateIdParam],
  },
  {
    method: ["GET"],
    matcher: "/admin/invoices/:id/pdf",
    middlewares: [
      validateAndTransformQuery(AdminNoParams, { defaults: [], isList: false }),
    ],
  },
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
    method: ["GET"],
    matcher: "/admin/invoices/:id/e-invoice",
    middlewares: [validateAndTransformQuery(AdminGetEInvoiceParams, {})],
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
