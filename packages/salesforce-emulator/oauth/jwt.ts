// jose 6 is ESM-only. ts-node and jest compile this file to CommonJS, and jest's require() (createRequire
// included) refuses ES modules. Node's own require loads ES modules without top-level await since Node 20.19, so
// jose is loaded through the real node:module, which process.getBuiltinModule (Node 20.16+) hands out even inside
// jest's sandbox. It is stateless, so living outside jest's module registry is harmless.
type Jose = typeof import("jose", { with: { "resolution-mode": "import" } })
type NodeModule = typeof import("node:module")
let jose: Jose | undefined
function loadJose(): Jose {
  // getBuiltinModule is missing from @types/node 20.12, hence the cast.
  const builtin = (
    process as unknown as { getBuiltinModule(id: string): NodeModule }
  ).getBuiltinModule("node:module")
  jose ??= builtin.createRequire(__filename)("jose") as Jose
  return jose
}

/** An assertion Salesforce would refuse, with the OAuth error it answers. */
export class JwtRejected extends Error {
  constructor(
    readonly error: string,
    description: string
  ) {
    super(description)
  }
}

/** Verifies an RS256 assertion of the JWT bearer flow against a PEM certificate or public key; returns `sub`. */
export async function verifyAssertion(
  assertion: string,
  pem: string,
  expected: { issuer: string; audiences: string[] }
): Promise<string> {
  const jose = loadJose()
  const key = pem.includes("BEGIN CERTIFICATE")
    ? await jose.importX509(pem, "RS256")
    : await jose.importSPKI(pem, "RS256")
  try {
    const { payload } = await jose.jwtVerify(assertion, key, {
      algorithms: ["RS256"],
      issuer: expected.issuer,
      audience: expected.audiences,
      // Salesforce refuses assertions without an expiry or a user.
      requiredClaims: ["exp", "sub"],
    })
    return String(payload.sub)
  } catch (error) {
    const { code, claim } = error as { code?: string; claim?: string }
    if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && claim === "iss") {
      throw new JwtRejected("invalid_client_id", "client identifier invalid")
    }
    if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && claim === "aud") {
      throw new JwtRejected("invalid_grant", "audience is invalid")
    }
    throw new JwtRejected("invalid_grant", "invalid assertion")
  }
}
