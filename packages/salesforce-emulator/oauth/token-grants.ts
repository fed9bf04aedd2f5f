import crypto from "node:crypto"
import { EmulatorContext } from "../context"
import { identityUrl } from "./identity"
import { JwtRejected, verifyAssertion } from "./jwt"

// The grants of /services/oauth2/token. Answers and errors follow Salesforce's OAuth endpoint: 200 with the token
// JSON, or 400 with { error, error_description } (invalid_client_id, invalid_client, invalid_grant,
// unsupported_grant_type).

export type TokenResponse = {
  access_token: string
  refresh_token?: string
  signature: string
  scope: string
  instance_url: string
  id: string
  token_type: "Bearer"
  issued_at: string
}

export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400
  ) {
    super(description)
  }
}

export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"

type Params = URLSearchParams

/** client_id/client_secret from the form, or from HTTP Basic authentication as client credentials allow. */
function clientOf(
  params: Params,
  authorization: string | undefined
): { id: string | null; secret: string | null } {
  if (authorization?.startsWith("Basic ")) {
    const [id, secret] = Buffer.from(authorization.slice(6), "base64")
      .toString("utf8")
      .split(":")
    return {
      id: decodeURIComponent(id ?? ""),
      secret: decodeURIComponent(secret ?? ""),
    }
  }
  return { id: params.get("client_id"), secret: params.get("client_secret") }
}

function checkClient(
  ctx: EmulatorContext,
  client: { id: string | null; secret: string | null },
  secretRequired: boolean
) {
  if (client.id !== ctx.config.clientId) {
    throw new OAuthError("invalid_client_id", "client identifier invalid")
  }
  if (
    (secretRequired || client.secret !== null) &&
    client.secret !== ctx.config.clientSecret
  ) {
    throw new OAuthError("invalid_client", "invalid client credentials")
  }
}

function tokenResponse(
  ctx: EmulatorContext,
  withRefreshToken: boolean
): TokenResponse {
  const issuedAt = String(Date.now())
  const id = ctx.answerUrls.identityUrl ?? identityUrl(ctx)
  return {
    access_token: ctx.sessions.issueAccessToken(
      ctx.userId,
      ctx.config.clientId
    ),
    ...(withRefreshToken
      ? {
          refresh_token: ctx.sessions.issueRefreshToken(
            ctx.userId,
            ctx.config.clientId
          ),
        }
      : {}),
    // Salesforce signs id + issued_at with the client secret so clients can check the answer came from it.
    signature: crypto
      .createHmac("sha256", ctx.config.clientSecret)
      .update(id + issuedAt)
      .digest("base64"),
    scope: withRefreshToken ? "refresh_token api" : "api",
    instance_url: ctx.answerUrls.instanceUrl ?? ctx.baseUrl,
    id,
    token_type: "Bearer",
    issued_at: issuedAt,
  }
}

export async function grantToken(
  ctx: EmulatorContext,
  params: Params,
  authorization: string | undefined
): Promise<TokenResponse> {
  const grantType = params.get("grant_type")
  const client = clientOf(params, authorization)
  switch (grantType) {
    case "client_credentials":
      checkClient(ctx, client, true)
      return tokenResponse(ctx, false)

    case "password": {
      checkClient(ctx, client, true)
      const expected = ctx.config.password + (ctx.config.securityToken ?? "")
      if (
        params.get("username") !== ctx.config.username ||
        params.get("password") !== expected
      ) {
        throw new OAuthError("invalid_grant", "authentication failure")
      }
      return tokenResponse(ctx, false)
    }

    case "refresh_token": {
      checkClient(ctx, client, false)
      const grant = ctx.sessions.refreshGrant(params.get("refresh_token") ?? "")
      if (!grant || grant.clientId !== client.id) {
        throw new OAuthError("invalid_grant", "expired access/refresh token")
      }
      return tokenResponse(ctx, false)
    }

    case "authorization_code": {
      checkClient(ctx, client, true)
      const grant = ctx.sessions.redeemCode(params.get("code") ?? "")
      if (!grant || grant.clientId !== client.id) {
        throw new OAuthError("invalid_grant", "invalid authorization code")
      }
      if (grant.redirectUri !== params.get("redirect_uri")) {
        throw new OAuthError(
          "redirect_uri_mismatch",
          "redirect_uri must match configuration"
        )
      }
      return tokenResponse(ctx, true)
    }

    case JWT_BEARER: {
      const assertion = params.get("assertion")
      if (!assertion) {
        throw new OAuthError("invalid_grant", "invalid assertion")
      }
      if (!ctx.config.jwtCertificate) {
        throw new OAuthError(
          "invalid_client",
          "no certificate is configured for the JWT bearer flow"
        )
      }
      let subject: string
      try {
        subject = await verifyAssertion(assertion, ctx.config.jwtCertificate, {
          issuer: ctx.config.clientId,
          audiences: [
            ctx.baseUrl,
            `${ctx.baseUrl}/`,
            ...ctx.config.jwtAudiences,
          ],
        })
      } catch (error) {
        if (error instanceof JwtRejected) {
          throw new OAuthError(error.error, error.message)
        }
        throw error
      }
      if (subject !== ctx.config.username) {
        throw new OAuthError(
          "invalid_grant",
          "user hasn't approved this consumer"
        )
      }
      return tokenResponse(ctx, false)
    }

    default:
      throw new OAuthError("unsupported_grant_type", "grant type not supported")
  }
}
