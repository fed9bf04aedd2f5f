import { storeTestRunner } from "../helpers/runner"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(120_000)

// A store that verifies guests' emails opts in to matching them by email (salesforce-guest-contacts.spec.ts: the
// default, where it does not).

// Read by medusa-config.ts when the runner loads it.
process.env.SALESFORCE_MATCH_GUESTS_BY_EMAIL = "true"
const sf = useSalesforceEmulator()

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { newInvoice, sync } = useSyncTest({ api, getContainer }, sf, {
      enabled: true,
    })
    const recordOf = (invoiceId: string) =>
      sf.emu
        .records("Medusa_Invoice__c")
        .find((r) => r.Medusa_Id__c === invoiceId)

    it("with matchGuestsByEmail, a guest's invoice goes to the Contact with its email", async () => {
      const accountId = sf.emu.insert("Account", { Name: "Known Co" })
      const known = sf.emu.insert("Contact", {
        LastName: "Known",
        Email: "known@test.local",
        AccountId: accountId,
      })
      const guest = await newInvoice({ email: "known@test.local", guest: true })
      expect(await sync(guest.invoice.id)).toMatchObject({ status: "synced" })
      expect(recordOf(guest.invoice.id)).toMatchObject({
        Contact__c: known,
        Account__c: accountId,
      })
      expect(sf.emu.records("Contact")).toHaveLength(1)
    })
  },
})
