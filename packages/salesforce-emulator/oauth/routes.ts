import { Router } from "express"
import { EmulatorContext } from "../context"
import { identity, userInfo } from "./identity"
import { grantToken, OAuthError } from "./token-grants"

// /services/oauth2/* and the identity URL. These are not REST API calls: they do not count against the API limit.

function bearer(
  ctx: EmulatorContext,
  header: string | undefined,
  query: unknown
): boolean {
  const token = header?.startsWith("Bearer ")
    ? header.slice(7)
    : typeof query === "string"
      ? query
      : ""
  return !!ctx.sessions.session(token)
}

export function oauthRoutes(ctx: EmulatorContext): Router {
  const router = Router()

  router.post("/services/oauth2/token", async (req, res, next) => {
    try {
      const body = await grantToken(
        ctx,
        new URLSearchParams(String(req.body ?? "")),
        req.headers.authorization
      )
      res.status(200).json(body)
    } catch (error) {
      if (error instanceof OAuthError) {
        res
          .status(error.status)
          .json({ error: error.error, error_description: error.description })
        return
      }
      next(error)
    }
  })

  // Auto-approves as the integration user: the web-server flow without a browser, so tests get a refresh token.
  router.get("/services/oauth2/authorize", (req, res) => {
    const {
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: responseType,
      state,
    } = req.query
    if (clientId !== ctx.config.clientId || typeof redirectUri !== "string") {
      res.status(400).json({
        error: "invalid_client_id",
        error_description: "client identifier invalid",
      })
      return
    }
    if (responseType !== "code") {
      res.status(400).json({
        error: "unsupported_response_type",
        error_description: "response type not supported",
      })
      return
    }
    const location = new URL(redirectUri)
    location.searchParams.set(
      "code",
      ctx.sessions.issueCode(ctx.userId, clientId, redirectUri)
    )
    if (typeof state === "string") {
      location.searchParams.set("state", state)
    }
    res.redirect(302, location.toString())
  })

  router.post("/services/oauth2/revoke", (req, res) => {
    const token =
      new URLSearchParams(String(req.body ?? "")).get("token") ??
      String(req.query.token ?? "")
    ctx.sessions.revoke(token)
    res.status(200).end()
  })

  // Salesforce answers a bad token on these with 403 and a plain-text body, not the REST error array.
  const forbidden = (res: import("express").Response) =>
    res.status(403).type("text/plain").send("Bad_OAuth_Token")

  router.get("/services/oauth2/userinfo", (req, res) => {
    if (!bearer(ctx, req.headers.authorization, req.query.oauth_token)) {
      forbidden(res)
      return
    }
    res.json(userInfo(ctx))
  })

  router.get("/id/:orgId/:userId", (req, res) => {
    if (!bearer(ctx, req.headers.authorization, req.query.oauth_token)) {
      forbidden(res)
      return
    }
    if (req.params.orgId !== ctx.orgId || req.params.userId !== ctx.userId) {
      res.status(404).type("text/plain").send("Bad_Id")
      return
    }
    res.json(identity(ctx))
  })

  return router
}
