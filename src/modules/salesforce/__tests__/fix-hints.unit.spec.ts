import {
  failureDetailsFromMessage,
  fixHint,
  hintForAttempt,
} from "../fix-hints"
import { describeSalesforceError } from "../lib/describe-error"

/** A failed attempt as the sync log stores it: our sentence for Salesforce's error, and the code. */
function storedAttempt(
  error: { errorCode: string; message: string; fields?: string[] },
  object?: string
) {
  return {
    status: "failed",
    error_code: error.errorCode,
    error_message: describeSalesforceError(error, object),
    order_display_id: 12,
    invoice_number: "INV-000007",
  }
}

describe("fixHint", () => {
  it("tells a missing customer email to be added in Medusa, naming the order", () => {
    const hint = hintForAttempt(
      storedAttempt(
        {
          errorCode: "REQUIRED_FIELD_MISSING",
          message: "Required fields are missing: [Customer_Email__c]",
          fields: ["Customer_Email__c"],
        },
        "Medusa_Invoice__c"
      )
    )
    expect(hint).toMatch(/^Add the customer's email on order #12/)
    expect(hint).toContain("Customers → the customer → Edit")
  })

  it("sends a required field Medusa has no value for to the field's Setup page", () => {
    const hint = fixHint({
      errorCode: "REQUIRED_FIELD_MISSING",
      fields: ["Region__c"],
      object: "Medusa_Invoice__c",
    })
    expect(hint).toContain(
      "Setup → Object Manager → Medusa Invoice → Fields & Relationships → Region"
    )
    expect(hint).toContain("untick Required")
  })

  it("names both places for a value that is too long: the product in Medusa and the field's length", () => {
    const hint = hintForAttempt(
      storedAttempt(
        {
          errorCode: "STRING_TOO_LONG",
          message: "SKU: data value too large",
          fields: ["SKU__c"],
        },
        "Medusa_Invoice_Line__c"
      )
    )
    expect(hint).toContain("product title or SKU of the items on order #12")
    expect(hint).toContain(
      "Medusa Invoice Line → Fields & Relationships → SKU → Edit → Length"
    )
  })

  it("asks for a valid customer email", () => {
    expect(
      fixHint({
        errorCode: "INVALID_EMAIL_ADDRESS",
        fields: ["Email"],
        object: "Contact",
        orderDisplayId: 3,
      })
    ).toMatch(/Correct the customer's email address on order #3 in Medusa/)
  })

  it("quotes the validation rule's message and the path to the object's rules", () => {
    const hint = hintForAttempt(
      storedAttempt(
        {
          errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
          message: "Totals above 10,000 need a PO number.",
        },
        "Medusa_Invoice__c"
      )
    )
    expect(hint).toContain(
      "Setup → Object Manager → Medusa Invoice → Validation Rules"
    )
    expect(hint).toContain('"Totals above 10,000 need a PO number"')
  })

  it("points a duplicate rule at Duplicate Management for the object", () => {
    const hint = hintForAttempt(
      storedAttempt(
        { errorCode: "DUPLICATES_DETECTED", message: "Use one of these" },
        "Contact"
      )
    )
    expect(hint).toContain(
      "Setup → Duplicate Management → Duplicate Rules → the active rule for Contact"
    )
  })

  it("names the permission set and the field for a field the user may not write", () => {
    const hint = hintForAttempt(
      storedAttempt(
        {
          errorCode: "INVALID_FIELD_FOR_INSERT_UPDATE",
          message: "Unable to create/update fields: Tax_Total__c",
          fields: ["Tax_Total__c"],
        },
        "Medusa_Invoice__c"
      )
    )
    expect(hint).toContain(
      "Setup → Permission Sets → Medusa Integration → Object Settings → Medusa Invoice → Edit, tick Edit Access for Tax Total"
    )
  })

  it("tells an unknown object to deploy the metadata", () => {
    const hint = hintForAttempt(
      storedAttempt({
        errorCode: "NOT_FOUND",
        message: "sObject type 'Medusa_Invoice__c' is not supported",
      })
    )
    expect(hint).toContain("The object Medusa_Invoice__c does not exist")
    expect(hint).toContain("sf project deploy start")
  })

  it("tells an unknown field to deploy the metadata, naming object and field", () => {
    const hint = hintForAttempt(
      storedAttempt(
        {
          errorCode: "INVALID_FIELD",
          message:
            "No such column 'Notes__c' on sobject of type Medusa_Invoice__c",
        },
        "Medusa_Invoice__c"
      )
    )
    expect(hint).toContain("(Medusa_Invoice__c.Notes__c)")
    expect(hint).toContain("sf project deploy start")
  })

  it("sends an inactive currency to Currency Setup", () => {
    for (const input of [
      {
        errorCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
        fields: ["CurrencyIsoCode"],
        message: "Currency ISO Code: invalid currency code: NOK",
      },
      { errorCode: "INVALID_CURRENCY_ISO", message: "invalid currency" },
    ]) {
      expect(fixHint(input)).toContain(
        "Setup → Company Settings → Currencies (Currency Setup) → Active Currencies"
      )
    }
    // A restricted picklist that is not the currency goes to its values instead.
    expect(
      fixHint({
        errorCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
        fields: ["Document_Type__c"],
        object: "Medusa_Invoice__c",
      })
    ).toContain("Fields & Relationships → Document Type → Values")
  })

  it("explains a locked record: busy rows retry, approval locks need unlocking", () => {
    expect(
      fixHint({ errorCode: "UNABLE_TO_LOCK_ROW", object: "Medusa_Invoice__c" })
    ).toContain("retries by itself")
    expect(
      fixHint({ errorCode: "ENTITY_IS_LOCKED", object: "Medusa_Invoice__c" })
    ).toContain("Unlock Record")
  })

  it("tells the daily API limit where usage shows, and a burst that nothing is to change", () => {
    expect(
      fixHint({
        errorCode: "REQUEST_LIMIT_EXCEEDED",
        message: "TotalRequests Limit exceeded.",
      })
    ).toContain("Setup → Company Information → API Requests")
    expect(
      fixHint({
        errorCode: "REQUEST_LIMIT_EXCEEDED",
        message: "ConcurrentPerOrgLongTxn Limit exceeded",
      })
    ).toContain("retries by itself")
  })

  it("sends refused credentials to the connected app and Test connection", () => {
    expect(fixHint({ errorCode: "invalid_client" })).toContain(
      "Manage Consumer Details"
    )
    expect(fixHint({ errorCode: "invalid_grant" })).toContain("Run As user")
  })

  it("still says where to look for a code it does not know", () => {
    expect(
      fixHint({ errorCode: "SOMETHING_NEW", object: "Medusa_Invoice__c" })
    ).toContain("SOMETHING_NEW")
  })

  it("tells a refused invoice PDF what to change, or to turn Attach PDF off", () => {
    const stored = (errorCode: string) =>
      hintForAttempt({
        ...storedAttempt({ errorCode, message: "refused" }, "ContentVersion"),
        // As the PDF policy stores it: after the records went through.
        error_message: `The records are in Salesforce, but the PDF was not attached: ${describeSalesforceError({ errorCode, message: "refused" }, "ContentVersion")}`,
      })
    expect(stored("STORAGE_LIMIT_EXCEEDED")).toContain("Setup → Storage Usage")
    expect(stored("INSUFFICIENT_ACCESS_OR_READONLY")).toContain(
      "Object Settings → Medusa Invoice"
    )
    for (const code of [
      "STORAGE_LIMIT_EXCEEDED",
      "INSUFFICIENT_ACCESS_OR_READONLY",
      "SOMETHING_NEW",
    ]) {
      expect(stored(code)).toContain("turn off Attach PDF")
    }
    // A busy Salesforce is the general hint: it retries by itself.
    expect(stored("SERVER_UNAVAILABLE")).toContain("retries by itself")
  })

  it("gives no hint for a success", () => {
    expect(
      hintForAttempt({
        status: "synced",
        error_code: null,
        error_message: null,
      })
    ).toBeNull()
  })
})

describe("failureDetailsFromMessage", () => {
  it("recovers fields and object from the stored sentence", () => {
    expect(
      failureDetailsFromMessage(
        describeSalesforceError(
          {
            errorCode: "REQUIRED_FIELD_MISSING",
            message: "x",
            fields: ["LastName", "Email"],
          },
          "Contact"
        )
      )
    ).toEqual({ fields: ["LastName", "Email"], object: "Contact" })
    expect(
      failureDetailsFromMessage(
        describeSalesforceError(
          { errorCode: "STRING_TOO_LONG", message: "x", fields: ["SKU__c"] },
          "Medusa_Invoice_Line__c"
        )
      )
    ).toEqual({ fields: ["SKU__c"], object: "Medusa_Invoice_Line__c" })
    expect(failureDetailsFromMessage(null)).toEqual({ fields: [] })
  })
})
