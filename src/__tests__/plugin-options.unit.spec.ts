import { parsePluginOptions } from "../plugin-options"

const connection = {
  loginUrl: "https://login.salesforce.com",
  clientId: "3MVG9-consumer-key",
  clientSecret: "s3cr3t-value",
}

const problemsOf = (options: unknown) => {
  try {
    parsePluginOptions(options)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error("expected the options to be refused")
}

describe("plugin options", () => {
  it("default authFlow to client_credentials and split into each module's options", () => {
    const parsed = parsePluginOptions({
      salesforce: { ...connection, retry: { baseDelayMs: 20 } },
      invoices: { numberPrefix: "F-" },
    })
    expect(parsed.salesforce.connection).toEqual({
      ...connection,
      authFlow: "client_credentials",
    })
    expect(parsed.salesforce.retry).toEqual({ baseDelayMs: 20 })
    expect(parsed.invoices).toEqual({ numberPrefix: "F-" })
  })

  it("leave Salesforce unconfigured, not broken, when no connection option is given", () => {
    expect(parsePluginOptions(undefined).salesforce.connection).toBeUndefined()
    expect(
      parsePluginOptions({ salesforce: { enableOnFirstStart: true } })
        .salesforce.connection
    ).toBeUndefined()
  })

  it("name the missing option and the flow that needs it", () => {
    expect(problemsOf({ salesforce: { loginUrl: connection.loginUrl } })).toBe(
      "medusa-salesforce-invoices: options.salesforce.clientId is required; " +
        "options.salesforce.clientSecret is required when authFlow is client_credentials"
    )
    expect(problemsOf({ salesforce: { ...connection, authFlow: "jwt" } })).toBe(
      "medusa-salesforce-invoices: options.salesforce.username is required when authFlow is jwt; " +
        "options.salesforce.privateKey is required when authFlow is jwt"
    )
  })

  it("name options of the wrong type or unknown, never echoing a value", () => {
    const message = problemsOf({
      salesforce: { ...connection, timeoutMs: "5000", clientSecrett: "x" },
      invoices: { numberDigits: 0 },
      invoice: {},
    })
    expect(message).toMatch(/^medusa-salesforce-invoices: /)
    expect(message).toContain("options has unknown option(s) invoice")
    expect(message).toContain(
      "options.salesforce has unknown option clientSecrett"
    )
    expect(message).toContain("options.salesforce.timeoutMs:")
    expect(message).toContain("options.invoices.numberDigits:")
    expect(message).not.toContain(connection.clientSecret)
  })

  it("refuse a login URL that is not https", () => {
    expect(
      problemsOf({
        salesforce: { ...connection, loginUrl: "http://example.com" },
      })
    ).toBe(
      "medusa-salesforce-invoices: options.salesforce.loginUrl must use https (http only for a local emulator)"
    )
  })
})
