import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { idProblem } from "./validators"

/** Middleware: a path's `:id` that is not an id (format, length) is a 400 naming it, before any query runs. */
export function validateIdParam(
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
) {
  const problem =
    req.params.id === undefined ? null : idProblem("id", req.params.id)
  next(
    problem
      ? new MedusaError(MedusaError.Types.INVALID_DATA, problem)
      : undefined
  )
}
