import {
  classifySalesforceError,
  describeSalesforceError,
  fieldLabel,
  redactSecrets,
  SalesforceApiError,
  toSalesforceApiError,
} from ".."

describe("classifySalesforceError", () => {
  it.each([
    ["UNABLE_TO_LOCK_ROW", undefined, undefined, "transient"],
    ["SERVER_UNAVAILABLE", undefined, 503, "transient"],
    [
      "REQUEST_LIMIT_EXCEEDED",
      "ConcurrentPerOrgLongTxn Limit exceeded.",
      403,
      "transient",
    ],
    [
      "REQUEST_LIMIT_EXCEEDED",
      "TotalRequests Limit exceeded.",
      403,
      "daily_limit",
    ],
    ["HTTP_502", undefined, undefined, "transient"],
    ["UNKNOWN_EXCEPTION", "An unexpected error occurred", 500, "transient"],
    ["SOMETHING_NEW", undefined, 429, "transient"],
    ["SOMETHING_NEW", undefined, 420, "transient"],
    ["ECONNRESET", "socket hang up", undefined, "transient"],
    ["ECONNREFUSED", undefined, undefined, "transient"],
    ["ETIMEDOUT", undefined, undefined, "transient"],
    ["INVALID_SESSION_ID", "Session expired or invalid", 401, "auth"],
    ["invalid_grant", "authentication failure", 400, "auth"],
    ["invalid_client", "invalid client credentials", 400, "auth"],
    ["ENTITY_IS_DELETED", undefined, undefined, "stale_reference"],
    ["INVALID_CROSS_REFERENCE_KEY", undefined, undefined, "stale_reference"],
    [
      "INVALID_FIELD",
      "Foreign key external ID: inv_1 not found for field Medusa_Id__c in entity Medusa_Invoice__c",
      undefined,
      "stale_reference",
    ],
    ["REQUIRED_FIELD_MISSING", undefined, undefined, "data"],
    ["STRING_TOO_LONG", undefined, undefined, "data"],
    ["FIELD_CUSTOM_VALIDATION_EXCEPTION", undefined, undefined, "data"],
    ["DUPLICATES_DETECTED", undefined, undefined, "data"],
    ["DUPLICATE_VALUE", undefined, undefined, "data"],
    ["INVALID_EMAIL_ADDRESS", undefined, undefined, "data"],
    ["INVALID_TYPE_ON_FIELD_IN_RECORD", undefined, undefined, "data"],
    ["NUMBER_OUTSIDE_VALID_RANGE", undefined, undefined, "data"],
    ["SOMETHING_NEW", "who knows", 400, "data"],
    ["INVALID_FIELD", "No such column 'Foo__c'", 400, "configuration"],
    ["INVALID_TYPE", undefined, undefined, "configuration"],
    ["NOT_FOUND", undefined, 404, "configuration"],
    ["INSUFFICIENT_ACCESS_OR_READONLY", undefined, undefined, "configuration"],
    ["INVALID_FIELD_FOR_INSERT_UPDATE", undefined, undefined, "configuration"],
    ["MALFORMED_QUERY", undefined, 400, "configuration"],
  ])("%s (%s, %s) is %s", (code, message, status, kind) => {
    expect(classifySalesforceError(code, message, status)).toBe(kind)
  })
})

describe("describeSalesforceError", () => {
  it.each<
    [Parameters<typeof describeSalesforceError>[0], string | undefined, string]
  >([
    [
      {
        errorCode: "REQUIRED_FIELD_MISSING",
        message: "Required fields are missing: [Customer_Email__c]",
        fields: ["Customer_Email__c"],
      },
      "Medusa_Invoice__c",
      "Salesforce requires Customer Email on the invoice (REQUIRED_FIELD_MISSING: Customer_Email__c)",
    ],
    [
      {
        errorCode: "REQUIRED_FIELD_MISSING",
        message: "Required fields are missing: [Medusa_Id__c, SKU__c]",
        fields: ["Medusa_Id__c", "Quantity__c", "SKU__c"],
      },
      "Medusa_Invoice_Line__c",
      "Salesforce requires Medusa ID, Quantity and SKU on an invoice line (REQUIRED_FIELD_MISSING: Medusa_Id__c, Quantity__c, SKU__c)",
    ],
    [
      {
        errorCode: "INVALID_EMAIL_ADDRESS",
        message: "Customer Email: invalid email address: nope",
        fields: ["Customer_Email__c"],
      },
      "Medusa_Invoice__c",
      "Customer Email is not a valid email address in Salesforce (INVALID_EMAIL_ADDRESS: Customer_Email__c)",
    ],
    [
      {
        errorCode: "INVALID_FIELD",
        message:
          "No such column 'Foo__c' on entity 'Medusa_Invoice__c'. If you are attempting to use a custom field, be sure to append the '__c'",
      },
      undefined,
      "Salesforce has no field Medusa_Invoice__c.Foo__c: deploy the metadata in salesforce/ (INVALID_FIELD)",
    ],
    [
      {
        errorCode: "INVALID_FIELD",
        message: "No such column 'Foo__c' on sobject of type Medusa_Invoice__c",
        fields: ["Foo__c"],
      },
      "Medusa_Invoice__c",
      "Salesforce has no field Medusa_Invoice__c.Foo__c: deploy the metadata in salesforce/ (INVALID_FIELD)",
    ],
    [
      {
        errorCode: "INVALID_TYPE",
        message: "sObject type 'Medusa_Invoice__c' is not supported.",
      },
      undefined,
      "Salesforce has no object Medusa_Invoice__c: deploy the metadata in salesforce/ (INVALID_TYPE)",
    ],
    [
      {
        errorCode: "INVALID_FIELD",
        message:
          "Foreign key external ID: inv_9 not found for field Medusa_Id__c in entity Medusa_Invoice__c",
        fields: ["Invoice__c"],
      },
      "Medusa_Invoice_Line__c",
      'Invoice on an invoice line refers to the invoice with Medusa ID "inv_9", which is not in Salesforce (INVALID_FIELD: Invoice__c)',
    ],
    [
      {
        errorCode: "UNABLE_TO_LOCK_ROW",
        message: "unable to obtain exclusive access to this record",
      },
      "Medusa_Invoice__c",
      "Salesforce is busy (UNABLE_TO_LOCK_ROW); will retry",
    ],
    [
      {
        errorCode: "REQUEST_LIMIT_EXCEEDED",
        message: "TotalRequests Limit exceeded.",
      },
      undefined,
      "Salesforce daily API limit reached (REQUEST_LIMIT_EXCEEDED)",
    ],
    [
      { errorCode: "invalid_client", message: "invalid client credentials" },
      undefined,
      "Salesforce rejected the login: check the connected app's client id and secret (invalid_client)",
    ],
    [
      { errorCode: "STRING_TOO_LONG", message: "x", fields: ["Notes__c"] },
      "Medusa_Invoice__c",
      "Notes on the invoice is longer than Salesforce allows (STRING_TOO_LONG: Notes__c)",
    ],
    [
      {
        errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
        message: "Total must not be negative.",
        fields: [],
      },
      "Medusa_Invoice__c",
      "A validation rule in Salesforce rejected the invoice: Total must not be negative (FIELD_CUSTOM_VALIDATION_EXCEPTION)",
    ],
    [
      {
        errorCode: "DUPLICATES_DETECTED",
        message: "Use one of these records?",
      },
      "Contact",
      "Salesforce's duplicate rules rejected the contact as a duplicate of an existing record (DUPLICATES_DETECTED)",
    ],
    [
      {
        errorCode: "INVALID_CROSS_REFERENCE_KEY",
        message: "invalid cross reference id",
        fields: ["Account__c"],
      },
      "Medusa_Invoice__c",
      "Account on the invoice points to a record Salesforce does not have (INVALID_CROSS_REFERENCE_KEY: Account__c)",
    ],
    [
      {
        errorCode: "INSUFFICIENT_ACCESS_OR_READONLY",
        message: "insufficient access rights on object id",
      },
      "Account",
      "The Salesforce integration user may not change the account: check its permission set (INSUFFICIENT_ACCESS_OR_READONLY)",
    ],
    [
      { errorCode: "ECONNRESET", message: "socket hang up" },
      undefined,
      "Salesforce could not be reached (ECONNRESET); will retry",
    ],
    [
      {
        errorCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
        message: "Currency ISO Code: invalid currency code: JPY",
        fields: ["CurrencyIsoCode"],
      },
      "Medusa_Invoice__c",
      "The invoice is in JPY, a currency Salesforce has not activated: activate it in Setup → Company Settings → Currencies (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: CurrencyIsoCode)",
    ],
    [
      {
        errorCode: "STORAGE_LIMIT_EXCEEDED",
        message: "storage limit exceeded",
      },
      "ContentVersion",
      "Salesforce rejected the invoice PDF: storage limit exceeded (STORAGE_LIMIT_EXCEEDED)",
    ],
    [
      { errorCode: "HTTP_503", message: "<html>Maintenance</html>" },
      undefined,
      "Salesforce is unavailable for now (HTTP_503); will retry",
    ],
    [
      {
        errorCode: "SOMETHING_NEW",
        message: "Something new went wrong.",
        fields: ["Status__c"],
      },
      "Medusa_Invoice__c",
      "Salesforce rejected the invoice: Something new went wrong (SOMETHING_NEW: Status__c)",
    ],
  ])("%j on %s", (error, object, sentence) => {
    expect(describeSalesforceError(error, object)).toBe(sentence)
  })

  it("labels our fields from their API names and leaves others alone", () => {
    expect(fieldLabel("Customer_Email__c")).toBe("Customer Email")
    expect(fieldLabel("Medusa_Id__c")).toBe("Medusa ID")
    expect(fieldLabel("Medusa_Order_Id__c")).toBe("Medusa Order ID")
    expect(fieldLabel("LastName")).toBe("LastName")
    expect(fieldLabel("tnw_invoice__Status__c")).toBe("tnw_invoice__Status__c")
  })
})

// What jsforce 3 throws for an error answer (HttpApiError in lib/http-api.js, which it does not export): name and
// errorCode are the code, data the parsed body.
function httpApiError(message: string, errorCode: string, data?: unknown) {
  return Object.assign(new Error(message), { name: errorCode, errorCode, data })
}

describe("toSalesforceApiError", () => {
  it("keeps a REST error's code, message and fields", () => {
    const error = toSalesforceApiError(
      httpApiError("Customer Email: invalid", "INVALID_EMAIL_ADDRESS", {
        errorCode: "INVALID_EMAIL_ADDRESS",
        message: "Customer Email: invalid",
        fields: ["Customer_Email__c"],
      }),
      { status: 400 }
    )
    expect(error).toBeInstanceOf(SalesforceApiError)
    expect(error.toJSON()).toEqual({
      name: "SalesforceApiError",
      errorCode: "INVALID_EMAIL_ADDRESS",
      kind: "data",
      message: "Customer Email: invalid",
      fields: ["Customer_Email__c"],
      status: 400,
    })
  })

  it("reads the status of a body jsforce could not parse", () => {
    const error = toSalesforceApiError(
      httpApiError("<html>Service Unavailable</html>", "ERROR_HTTP_503")
    )
    expect(error).toMatchObject({
      errorCode: "HTTP_503",
      status: 503,
      kind: "transient",
    })
  })

  it("takes the first of several errors", () => {
    const error = toSalesforceApiError(
      httpApiError("Multiple errors returned.", "MULTIPLE_API_ERRORS", [
        { errorCode: "UNABLE_TO_LOCK_ROW", message: "locked" },
        { errorCode: "UNABLE_TO_LOCK_ROW", message: "locked" },
      ])
    )
    expect(error).toMatchObject({
      errorCode: "UNABLE_TO_LOCK_ROW",
      kind: "transient",
    })
  })

  it("maps network failures by their code", () => {
    const refused = Object.assign(
      new Error(
        "request to http://127.0.0.1:1/services/oauth2/token failed, reason: connect ECONNREFUSED"
      ),
      { name: "FetchError", code: "ECONNREFUSED", type: "system" }
    )
    expect(toSalesforceApiError(refused)).toMatchObject({
      errorCode: "ECONNREFUSED",
      kind: "transient",
    })
    const aborted = Object.assign(new Error("The user aborted a request."), {
      name: "AbortError",
      type: "aborted",
    })
    expect(toSalesforceApiError(aborted)).toMatchObject({
      errorCode: "ETIMEDOUT",
      kind: "transient",
    })
    expect(toSalesforceApiError(new Error("socket hang up"))).toMatchObject({
      errorCode: "ECONNRESET",
      kind: "transient",
    })
    expect(toSalesforceApiError("weird")).toMatchObject({
      errorCode: "UNKNOWN_ERROR",
      kind: "data",
      message: "weird",
    })
  })

  it("removes secrets and credential-shaped values from the message", () => {
    const accessToken = "00D5g000004ABCD!AQ8AQHc3x.Rz_secret-token-value"
    const error = toSalesforceApiError(
      new Error(
        `request to https://x.my.salesforce.com/id/00D/005?format=json&oauth_token=${encodeURIComponent(accessToken)} failed; ` +
          `Authorization: Bearer ${accessToken}; client_secret=cs-123456; my-refresh-xyz; -----BEGIN PRIVATE KEY-----\nMIIabc\n-----END PRIVATE KEY-----`
      ),
      { secrets: ["my-refresh-xyz"] }
    )
    const text = `${error.message} ${JSON.stringify(error)}`
    expect(text).not.toContain("secret-token-value")
    expect(text).not.toContain("cs-123456")
    expect(text).not.toContain("my-refresh-xyz")
    expect(text).not.toContain("MIIabc")
    expect(redactSecrets(`token ${accessToken}`)).toBe("token [redacted token]")
  })
})
