import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { addInvoiceCommentWorkflow } from "../../../../../workflows/invoice"
import { refetchInvoice } from "../../helpers"
import type { AdminCreateInvoiceCommentType } from "../../validators"

/** Adds a comment, signed with the admin's name as it is now. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateInvoiceCommentType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const actorId = req.auth_context.actor_id
  const {
    data: [user],
  } = await query.graph({
    entity: "user",
    fields: ["first_name", "last_name", "email"],
    filters: { id: actorId },
  })
  const authorName =
    [user?.first_name, user?.last_name].filter(Boolean).join(" ") ||
    user?.email ||
    "Admin"

  await addInvoiceCommentWorkflow(req.scope).run({
    input: {
      invoice_id: req.params.id,
      text: req.validatedBody.text,
      author_id: actorId,
      author_name: authorName,
    },
  })
  const invoice = await refetchInvoice(
    req.scope,
    req.params.id,
    req.queryConfig.fields
  )
  res.status(201).json({ invoice })
}
