import crypto from "node:crypto"
import { storeTestRunner } from "../helpers/runner"
import { INVOICE_MODULE } from "../../src/modules/invoice"
import type InvoiceModuleService from "../../src/modules/invoice/service"
import { expectFailure } from "../helpers/http"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(120_000)

const sf = useSalesforceEmulator()

const md5 = (bytes: Buffer) =>
  crypto.createHash("md5").update(bytes).digest("hex")

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { asAdmin, newInvoice, sync } = useSyncTest(
      { api, getContainer },
      sf,
      {
        enabled: true,
        automatic_sync: false,
        attach_pdf: true,
      }
    )

    const pdfOf = async (id: string) =>
      Buffer.from(
        (
          await api.get(`/admin/invoices/${id}/pdf`, {
            ...asAdmin,
            responseType: "arraybuffer",
          })
        ).data
      )
    /** The versions filed on the record, oldest first, with their bytes. */
    const versionsOn = (recordId: string) => {
      const documents = new Set(
        sf.emu
          .records("ContentDocumentLink")
          .filter((l) => l.LinkedEntityId === recordId)
          .map((l) => l.ContentDocumentId)
      )
      return sf.emu
        .records("ContentVersion")
        .filter((v) => documents.has(v.ContentDocumentId))
        .sort((a, b) => Number(a.VersionNumber) - Number(b.VersionNumber))
        .map((v) => ({
          document: v.ContentDocumentId as string,
          number: v.VersionNumber,
          title: v.Title,
          path: v.PathOnClient,
          checksum: v.Checksum,
          bytes: Buffer.from(String(v.__VersionData), "base64"),
        }))
    }

    it("files the PDF on the record once, and a changed document as the File's next version", async () => {
      const { invoice } = await newInvoice()
      const first = await sync(invoice.id)
      expect(first).toEqual(
        expect.objectContaining({ status: "synced", error: null })
      )
      const pdf = await pdfOf(invoice.id)
      expect(versionsOn(first.salesforce_id)).toEqual([
        {
          document: expect.any(String),
          number: "1",
          title: invoice.number,
          path: `${invoice.number}.pdf`,
          checksum: md5(pdf),
          bytes: pdf,
        },
      ])

      // The same document again: nothing uploaded, not even a query about Files.
      sf.emu.resetRequestLog()
      expect((await sync(invoice.id)).status).toBe("synced")
      expect(versionsOn(first.salesforce_id)).toHaveLength(1)
      expect(JSON.stringify(sf.emu.requestLog())).not.toContain("Content")

      // A corrected document (here its billing name) renders another PDF: the same File gets version 2.
      const invoices: InvoiceModuleService =
        getContainer().resolve(INVOICE_MODULE)
      await invoices.updateInvoices({
        id: invoice.id,
        customer_name: "Grace B. Hopper",
      })
      const corrected = await pdfOf(invoice.id)
      expect(md5(corrected)).not.toBe(md5(pdf))
      expect((await sync(invoice.id)).status).toBe("synced")
      const versions = versionsOn(first.salesforce_id)
      expect(versions.map((v) => [v.number, v.checksum])).toEqual([
        ["1", md5(pdf)],
        ["2", md5(corrected)],
      ])
      expect(versions[1].document).toBe(versions[0].document)
      expect(versions[1].bytes).toEqual(corrected)
      expect(sf.emu.records("ContentDocument")).toHaveLength(1)
    })

    it("does not upload twice when the answer to an upload was lost (a crash before our commit)", async () => {
      const { invoice } = await newInvoice()
      // Salesforce stores the version, the connection drops before its answer: to us the upload failed.
      sf.emu.injectFault({
        method: "POST",
        path: "/sobjects/ContentVersion",
        drop: "after-commit",
      })
      const lost = await sync(invoice.id)
      expect(lost.status).toBe("failed")
      expect(lost.error).toMatch(
        /^The records are in Salesforce, but the PDF was not attached/
      )
      expect(versionsOn(lost.salesforce_id)).toHaveLength(1)

      const again = await sync(invoice.id)
      expect(again.status).toBe("synced")
      expect(again.salesforce_id).toBe(lost.salesforce_id)
      const versions = versionsOn(again.salesforce_id)
      expect(versions).toHaveLength(1)
      expect(versions[0].bytes).toEqual(await pdfOf(invoice.id))
      // And it is recorded now: a third sync asks Salesforce nothing about Files.
      sf.emu.resetRequestLog()
      await sync(invoice.id)
      expect(JSON.stringify(sf.emu.requestLog())).not.toContain("Content")
    })

    it("fails the attempt with a plain reason and hint when the upload is refused, keeping the invoice's record", async () => {
      const { invoice } = await newInvoice()
      sf.emu.injectFault({
        method: "POST",
        path: "/sobjects/ContentVersion",
        status: 400,
        errorCode: "STORAGE_LIMIT_EXCEEDED",
        message: "storage limit exceeded",
      })
      const failed = await sync(invoice.id)
      expect(failed.status).toBe("failed")
      expect(failed.error).toBe(
        "The records are in Salesforce, but the PDF was not attached: Salesforce rejected the invoice PDF: storage limit exceeded (STORAGE_LIMIT_EXCEEDED)"
      )
      expect(sf.emu.records("ContentVersion")).toHaveLength(0)
      const detail = (await api.get(`/admin/invoices/${invoice.id}`, asAdmin))
        .data.invoice
      expect(detail).toEqual(
        expect.objectContaining({
          sync_status: "failed",
          // The record is there and stays linked.
          salesforce_id: failed.salesforce_id,
          sync_hint: expect.stringMatching(
            /file storage is full: see Setup → Storage Usage.*turn off Attach PDF/
          ),
        })
      )
      expect(failed.salesforce_id).toBe(
        sf.emu.records("Medusa_Invoice__c")[0].Id
      )
      // The retry files it.
      expect((await sync(invoice.id)).status).toBe("synced")
      expect(versionsOn(failed.salesforce_id)).toHaveLength(1)
    })

    it("uploads nothing while Attach PDF is off, and answers 400 naming a non-boolean setting", async () => {
      const off = await api.post(
        "/admin/salesforce/settings",
        { attach_pdf: false },
        asAdmin
      )
      expect(off.data.settings.attach_pdf).toBe(false)
      const { invoice } = await newInvoice()
      expect((await sync(invoice.id)).status).toBe("synced")
      expect(sf.emu.records("ContentVersion")).toHaveLength(0)

      const bad = await expectFailure(
        api.post("/admin/salesforce/settings", { attach_pdf: "on" }, asAdmin)
      )
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("attach_pdf")
      expect(
        (await api.get("/admin/salesforce/settings", asAdmin)).data.settings
      ).toMatchObject({
        enabled: true,
        automatic_sync: false,
        sync_notes: false,
        attach_pdf: false,
      })
    })
  },
})
