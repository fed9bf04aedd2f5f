import { Connection } from "jsforce"
import { EmulatorHandle } from "../index"
import {
  API_VERSION,
  clientCredentialsConnection,
  emulator,
  invoice,
  raw,
} from "./support"

// POST /composite: subrequests in one API call, with references, request-level allOrNone and the limits.

const base = `/services/data/v${API_VERSION}`

type CompositeAnswer = {
  compositeResponse: {
    body: unknown
    httpHeaders: Record<string, string>
    httpStatusCode: number
    referenceId: string
  }[]
}

const HALTED = [
  {
    errorCode: "PROCESSING_HALTED",
    message:
      "The transaction was rolled back since another operation in the same transaction failed.",
  },
]

describe("composite resource", () => {
  let sf: EmulatorHandle
  let conn: Connection
  const composite = (body: unknown) =>
    raw(sf, conn, "POST", `${base}/composite`, JSON.stringify(body))
  const upsertInvoices = (referenceId: string, from: number, n: number) => ({
    method: "PATCH",
    url: `${base}/composite/sobjects/Medusa_Invoice__c/Medusa_Id__c`,
    referenceId,
    body: {
      allOrNone: false,
      records: Array.from({ length: n }, (_, i) => ({
        attributes: { type: "Medusa_Invoice__c" },
        ...invoice(from + i),
      })),
    },
  })

  beforeAll(async () => {
    sf = await emulator()
    conn = await clientCredentialsConnection(sf)
  })
  beforeEach(() => {
    sf.reset()
    return clientCredentialsConnection(sf).then((c) => (conn = c))
  })
  afterAll(() => sf.stop())

  it("runs subrequests in order with references, and counts as one API call", async () => {
    const before = sf.apiUsage().used
    sf.resetRequestLog()
    const answer = await composite({
      compositeRequest: [
        {
          method: "POST",
          url: `${base}/sobjects/Account`,
          referenceId: "refAccount",
          body: { Name: "Acme" },
        },
        {
          method: "POST",
          url: `${base}/sobjects/Contact`,
          referenceId: "refContact",
          body: { LastName: "Doe", AccountId: "@{refAccount.id}" },
        },
        {
          method: "GET",
          url: `${base}/sobjects/Account/@{refAccount.id}?fields=Name`,
          referenceId: "readBack",
        },
        {
          method: "GET",
          url: `${base}/query?q=SELECT+Id,Name+FROM+Contact`,
          referenceId: "contacts",
        },
        {
          method: "PATCH",
          url: `${base}/sobjects/Contact/@{contacts.records[0].Id}`,
          referenceId: "rename",
          body: { FirstName: "Jane" },
        },
      ],
    })
    expect(answer.status).toBe(200)
    const [account, contact, readBack, contacts, rename] = (
      answer.json as CompositeAnswer
    ).compositeResponse
    const accountId = sf.records("Account")[0].Id
    expect(account).toEqual({
      body: { id: accountId, success: true, errors: [] },
      httpHeaders: { Location: `${base}/sobjects/Account/${accountId}` },
      httpStatusCode: 201,
      referenceId: "refAccount",
    })
    expect(contact.httpStatusCode).toBe(201)
    expect(readBack).toMatchObject({
      httpStatusCode: 200,
      body: { Name: "Acme", attributes: { type: "Account" } },
    })
    expect(contacts).toMatchObject({
      httpStatusCode: 200,
      body: { totalSize: 1 },
    })
    expect(rename).toEqual({
      body: null,
      httpHeaders: {},
      httpStatusCode: 204,
      referenceId: "rename",
    })
    expect(sf.records("Contact")[0]).toMatchObject({
      AccountId: accountId,
      Name: "Jane Doe",
    })
    expect(sf.apiUsage().used - before).toBe(1)
    expect(sf.requestLog().byEndpoint).toEqual({ "POST /composite": 1 })
  })

  it("carries five sObject Collections of 200 records (1,000 records) in one call; a sixth is refused", async () => {
    const five = [0, 1, 2, 3, 4].map((i) =>
      upsertInvoices(`batch${i}`, i * 200, 200)
    )
    const answer = await composite({ compositeRequest: five })
    const results = (answer.json as CompositeAnswer).compositeResponse
    expect(results.map((r) => r.httpStatusCode)).toEqual([
      200, 200, 200, 200, 200,
    ])
    expect(sf.records("Medusa_Invoice__c")).toHaveLength(1000)

    sf.reset()
    conn = await clientCredentialsConnection(sf)
    const six = await composite({
      compositeRequest: [
        ...five,
        {
          method: "GET",
          url: `${base}/query?q=SELECT+Id+FROM+Account`,
          referenceId: "sixth",
        },
      ],
    })
    expect(six.status).toBe(400)
    expect(six.json).toEqual([
      {
        errorCode: "LIMIT_EXCEEDED",
        message:
          "A composite request can have up to 5 sObject Collections or query subrequests; this one has 6.",
      },
    ])
    expect(sf.records("Medusa_Invoice__c")).toHaveLength(0)

    const tooMany = await composite({
      compositeRequest: Array.from({ length: 26 }, (_, i) => ({
        method: "GET",
        url: `${base}/sobjects/Account/describe`,
        referenceId: `d${i}`,
      })),
    })
    expect(tooMany.status).toBe(400)
    expect((tooMany.json as { errorCode: string }[])[0].errorCode).toBe(
      "LIMIT_EXCEEDED"
    )
  })

  it("allOrNone: one failing subrequest rolls everything back and halts the rest", async () => {
    const answer = await composite({
      allOrNone: true,
      compositeRequest: [
        upsertInvoices("invoices", 1, 2),
        {
          method: "POST",
          url: `${base}/sobjects/Account`,
          referenceId: "noName",
          body: { AccountNumber: "1" },
        },
        {
          method: "POST",
          url: `${base}/sobjects/Account`,
          referenceId: "later",
          body: { Name: "Later" },
        },
      ],
    })
    const [invoices, noName, later] = (answer.json as CompositeAnswer)
      .compositeResponse
    expect(answer.status).toBe(200)
    expect(invoices).toMatchObject({ httpStatusCode: 400, body: HALTED })
    expect(noName).toMatchObject({
      httpStatusCode: 400,
      body: [
        expect.objectContaining({
          errorCode: "REQUIRED_FIELD_MISSING",
          fields: ["Name"],
        }),
      ],
    })
    expect(later).toMatchObject({ httpStatusCode: 400, body: HALTED })
    expect(sf.records("Medusa_Invoice__c")).toHaveLength(0)
    expect(sf.records("Account")).toHaveLength(0)
  })

  it("without allOrNone: only subrequests that reference a failed one are halted", async () => {
    const answer = await composite({
      compositeRequest: [
        {
          method: "POST",
          url: `${base}/sobjects/Account`,
          referenceId: "bad",
          body: { AccountNumber: "1" },
        },
        {
          method: "POST",
          url: `${base}/sobjects/Contact`,
          referenceId: "dependent",
          body: { LastName: "Doe", AccountId: "@{bad.id}" },
        },
        {
          method: "POST",
          url: `${base}/sobjects/Account`,
          referenceId: "independent",
          body: { Name: "Fine" },
        },
      ],
    })
    const [bad, dependent, independent] = (answer.json as CompositeAnswer)
      .compositeResponse
    expect(bad.httpStatusCode).toBe(400)
    expect(dependent).toMatchObject({
      httpStatusCode: 400,
      body: [
        {
          errorCode: "PROCESSING_HALTED",
          message: expect.stringMatching(/^Invalid reference specified/),
        },
      ],
    })
    expect(independent.httpStatusCode).toBe(201)
    expect(sf.records("Account").map((a) => a.Name)).toEqual(["Fine"])
    expect(sf.records("Contact")).toHaveLength(0)
  })

  it("sub-collections keep their own allOrNone", async () => {
    const good = upsertInvoices("good", 1, 2)
    const atomic = upsertInvoices("atomic", 10, 2)
    atomic.body.allOrNone = true
    ;(atomic.body.records[1] as Record<string, unknown>).Customer_Email__c = ""
    const answer = await composite({ compositeRequest: [good, atomic] })
    const [first, second] = (answer.json as CompositeAnswer).compositeResponse
    expect(first.httpStatusCode).toBe(200)
    expect(second.httpStatusCode).toBe(200)
    expect(
      (
        second.body as { success: boolean; errors: { statusCode: string }[] }[]
      ).map((r) => r.errors[0]?.statusCode)
    ).toEqual(["ALL_OR_NONE_OPERATION_ROLLED_BACK", "REQUIRED_FIELD_MISSING"])
    expect(
      sf
        .records("Medusa_Invoice__c")
        .map((r) => r.Medusa_Id__c)
        .sort()
    ).toEqual(["inv_1", "inv_2"])
  })

  it("refuses duplicate referenceIds and answers unknown resources per subrequest", async () => {
    const duplicate = await composite({
      compositeRequest: [
        { method: "GET", url: `${base}/limits`, referenceId: "a" },
        { method: "GET", url: `${base}/limits`, referenceId: "a" },
      ],
    })
    expect(duplicate.status).toBe(400)
    const unknown = await composite({
      compositeRequest: [
        { method: "GET", url: `${base}/nowhere`, referenceId: "a" },
      ],
    })
    expect(
      (unknown.json as CompositeAnswer).compositeResponse[0]
    ).toMatchObject({ httpStatusCode: 404 })
  })
})
