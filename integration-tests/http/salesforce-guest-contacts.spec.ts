import { storeTestRunner } from "../helpers/runner"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(120_000)

// Anyone can type someone else's email at a guest checkout: by default a guest's invoice is not attached to the
// Contact that email belongs to (salesforce-guest-contacts-matched.spec.ts: the store that opts in).

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

    it("matches a registered customer by email, gives a guest with a Salesforce Contact's email a Contact of its own", async () => {
      const accountId = sf.emu.insert("Account", { Name: "Known Co" })
      const known = sf.emu.insert("Contact", {
        LastName: "Known",
        Email: "known@test.local",
        AccountId: accountId,
      })
      // A Contact of Salesforce's own (sales made it): no Medusa customer has this email.
      const victim = sf.emu.insert("Contact", {
        LastName: "Victim",
        Email: "victim@test.local",
        AccountId: sf.emu.insert("Account", { Name: "Victim Co" }),
      })
      const registered = await newInvoice({ email: "known@test.local" })
      expect(await sync(registered.invoice.id)).toMatchObject({
        status: "synced",
      })
      expect(recordOf(registered.invoice.id)).toMatchObject({
        Contact__c: known,
        Account__c: accountId,
      })

      const guest = await newInvoice({
        email: "victim@test.local",
        guest: true,
      })
      expect(guest.invoice.customer_has_account).toBe(false)
      expect(await sync(guest.invoice.id)).toMatchObject({ status: "synced" })
      const own = sf.emu
        .records("Contact")
        .find((c) => c.Medusa_Customer_Id__c === guest.order.customer_id)
      expect(own).toBeDefined()
      expect(own!.Id).not.toBe(victim)
      expect(recordOf(guest.invoice.id)).toMatchObject({ Contact__c: own!.Id })

      // The guest's Contact is not learned as that email's: a customer who registers with it gets the Contact.
      const owner = await newInvoice({ email: "victim@test.local" })
      expect(await sync(owner.invoice.id)).toMatchObject({ status: "synced" })
      expect(recordOf(owner.invoice.id)).toMatchObject({ Contact__c: victim })
    })
  },
})
