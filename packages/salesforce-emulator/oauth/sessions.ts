import crypto from "node:crypto"

/** What an access token stands for. */
export type Session = {
  userId: string
  clientId: string
  expiresAt: number
}

function randomToken(bytes: number): string {
  return crypto.randomBytes(bytes).toString("base64url")
}

/**
 * Access tokens, refresh tokens and authorization codes. Access tokens look like Salesforce's (`<orgId>!<secret>`)
 * and expire after the configured lifetime; refresh tokens last until the emulator forgets them.
 */
export class SessionStore {
  private accessTokens = new Map<string, Session>()
  private refreshTokens = new Map<
    string,
    { userId: string; clientId: string }
  >()
  private codes = new Map<
    string,
    { userId: string; clientId: string; redirectUri: string; expiresAt: number }
  >()

  constructor(
    private readonly orgId: string,
    private readonly ttlSeconds: () => number
  ) {}

  issueAccessToken(userId: string, clientId: string): string {
    const token = `${this.orgId.slice(0, 15)}!${randomToken(72)}`
    this.accessTokens.set(token, {
      userId,
      clientId,
      expiresAt: Date.now() + this.ttlSeconds() * 1000,
    })
    return token
  }

  /** The access tokens still valid: what a test greps stored data and answers for. */
  activeAccessTokens(): string[] {
    const now = Date.now()
    return [...this.accessTokens]
      .filter(([, session]) => session.expiresAt > now)
      .map(([token]) => token)
  }

  issueRefreshToken(userId: string, clientId: string): string {
    const token = `5Aep861${randomToken(64)}`
    this.refreshTokens.set(token, { userId, clientId })
    return token
  }

  issueCode(userId: string, clientId: string, redirectUri: string): string {
    const code = `aPrx${randomToken(48)}`
    // Salesforce codes are single use and short-lived (15 minutes).
    this.codes.set(code, {
      userId,
      clientId,
      redirectUri,
      expiresAt: Date.now() + 15 * 60 * 1000,
    })
    return code
  }

  /** The live session of an access token, or undefined when it is unknown or expired. */
  session(token: string): Session | undefined {
    const session = this.accessTokens.get(token)
    if (!session) {
      return undefined
    }
    if (session.expiresAt <= Date.now()) {
      this.accessTokens.delete(token)
      return undefined
    }
    return session
  }

  refreshGrant(
    token: string
  ): { userId: string; clientId: string } | undefined {
    return this.refreshTokens.get(token)
  }

  redeemCode(
    code: string
  ): { userId: string; clientId: string; redirectUri: string } | undefined {
    const grant = this.codes.get(code)
    this.codes.delete(code)
    return grant && grant.expiresAt > Date.now() ? grant : undefined
  }

  revoke(token: string): void {
    this.accessTokens.delete(token)
    this.refreshTokens.delete(token)
  }

  /** Ends every access token; refresh tokens stay valid, so clients can get new ones as after a real expiry. */
  expireAccessTokens(): void {
    this.accessTokens.clear()
  }

  clear(): void {
    this.accessTokens.clear()
    this.refreshTokens.clear()
    this.codes.clear()
  }
}
