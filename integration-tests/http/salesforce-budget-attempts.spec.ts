import { storeTestRunner } from "../helpers/runner"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { drainOutbox } from "../../src/workflows/salesforce/utils/drain-outbox"
import { useAlertEvents } from "../helpers/alert-events"
import { eventually, expectFailure } from "../helpers/http"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(180_000)

// A bulk request for documents that wait (the budget holds them) answers "queued" after this.
process.env.SALESFORCE_SYNC_WAIT_MS = "3000"

// A client secret no pattern would recognise: only redaction of the known secret removes it.
const CANARY_SECRET = "canary-client-secret-5e2d7b19"
const sf = useSalesforceEmulator({ clientSecret: CANARY_SECRET })

const BUDGET_REASON =
  /^API budget reached \(\d+ of 100000 requests today, budget 50 %\)$/

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const service = () =>
      getContainer().resolve(SALESFORCE_MODULE) as SalesforceModuleService

    const { asAdmin, newInvoice, bulkSync, sync } = useSyncTest(
      { api, getContainer },
      sf,
      {
        enabled: true,
        automatic_sync: false,
        sync_notes: false,
      }
    )
    beforeEach(async () => {
      await api.post(
        "/admin/salesforce/settings",
        { api_budget_percent: 50 },
        asAdmin
      )
      // Usage the store saw in an earlier test is not this org's.
      await service().updateSalesforceSettings({
        id: "default",
        paused_until: null,
        pause_kind: null,
        pause_reason: null,
        api_usage_at: null,
      })
    })

    const alertEvents = useAlertEvents(getContainer)
    const settings = async () =>
      (await api.get("/admin/salesforce/settings", asAdmin)).data.settings
    const pausedAlerts = async () =>
      (
        await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ channel: "feed" })
      ).filter((n) =>
        String(
          (n as { idempotency_key?: string }).idempotency_key ?? ""
        ).startsWith("msi-alert:paused:")
      )
    /**
     * Watches the drains' claims: `claimAfterQueued(id)` waits until the invoice is in the outbox and a drain that
     * started after it was queued has claimed, and answers the invoice ids that claim took. The drain a trigger
     * starts is the work that would send the document: only once it has looked may a test say nothing was sent.
     */
    const watchClaims = () => {
      const salesforce = service()
      const original = salesforce.claimOutboxWork.bind(salesforce)
      const claims: { startedAt: number; invoiceIds?: string[] }[] = []
      const spy = jest
        .spyOn(salesforce, "claimOutboxWork")
        .mockImplementation(async (...args) => {
          const claim: (typeof claims)[number] = { startedAt: Date.now() }
          claims.push(claim)
          const work = await original(...args)
          claim.invoiceIds = work.claims.map((c) => c.invoice_id)
          return work
        })
      return {
        claimAfterQueued: async (invoiceId: string) => {
          const [entry] = await eventually(async () => {
            const found = await salesforce.listSyncOutboxEntries({
              invoice_id: invoiceId,
            })
            return found.length ? found : undefined
          })
          const queuedAt = new Date(entry.created_at).getTime()
          const claim = await eventually(async () =>
            claims.find((c) => c.startedAt > queuedAt && c.invoiceIds)
          )
          return claim.invoiceIds
        },
        restore: () => spy.mockRestore(),
      }
    }
    /** The REST calls the emulator answered since its reset: what Salesforce counts against the daily limit. */
    const restCalls = () =>
      sf.emu
        .requestLog()
        .entries.filter((e) => e.path.startsWith("/services/data/")).length

    describe("API budget", () => {
      it("is an integer from 1 to 100, default 50; anything else is a 400 naming the field", async () => {
        expect((await settings()).api_budget_percent).toBe(50)
        for (const value of [0, 101, 12.5, "50", null]) {
          const refused = await expectFailure(
            api.post(
              "/admin/salesforce/settings",
              { api_budget_percent: value },
              asAdmin
            )
          )
          expect(refused.status).toBe(400)
          expect(refused.data.message).toContain("api_budget_percent")
        }
        const saved = await api.post(
          "/admin/salesforce/settings",
          { api_budget_percent: 30 },
          asAdmin
        )
        expect(saved.data.settings.api_budget_percent).toBe(30)
        expect((await settings()).api_budget_percent).toBe(30)
      })

      it("pauses automatic and bulk syncing at the budget, keeps the documents, lets a Retry past it and resumes when the budget is raised", async () => {
        const first = await newInvoice()
        const second = await newInvoice()
        // The first one failed before the budget was reached: sending it again is a Retry.
        sf.emu.injectRecordFault({
          object: "Medusa_Invoice__c",
          errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
          message: "Total must be positive",
          count: 1,
        })
        expect((await sync(first.invoice.id)).status).toBe("failed")
        sf.emu.resetRequestLog()
        sf.emu.setApiUsage({ used: 60_000, max: 100_000 })
        const callsBefore =
          (await settings()).api_usage?.calls_today_by_store ?? 0

        const { run_id, results } = await bulkSync([
          first.invoice.id,
          second.invoice.id,
        ])
        expect(results.map((r: { status: string }) => r.status)).toEqual([
          "queued",
          "queued",
        ])
        const paused = await settings()
        expect(paused.pause).toEqual(
          expect.objectContaining({ kind: "api_budget", active: true })
        )
        expect(paused.pause.reason).toMatch(BUDGET_REASON)
        expect(paused.api_usage).toEqual(
          expect.objectContaining({
            limit: 100_000,
            budget: 50_000,
            budget_reached: true,
          })
        )
        // Nothing sent, nothing failed: the documents wait in the outbox, and the log and the run say why.
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(0)
        const pending = await service().listSyncOutboxEntries({
          run_id,
          status: "pending",
        })
        expect(pending).toHaveLength(2)
        const log = (await api.get("/admin/salesforce/sync-log", asAdmin)).data
        // Only the first one's earlier failure: nothing was tried under the budget.
        expect(
          log.attempts.map((a: { invoice_id: string; status: string }) => [
            a.invoice_id,
            a.status,
          ])
        ).toEqual([[first.invoice.id, "failed"]])
        expect(log.sync_paused.reason).toMatch(BUDGET_REASON)
        const { run } = (
          await api.get(`/admin/salesforce/sync-runs/${run_id}`, asAdmin)
        ).data
        expect(run.paused.reason).toMatch(BUDGET_REASON)
        const { health } = (
          await api.get("/admin/salesforce/sync-health", asAdmin)
        ).data
        expect(health.backlog).toEqual(
          expect.objectContaining({ queued: 2, not_synced: 0, total: 2 })
        )
        const alerts = await eventually(async () => {
          const found = await pausedAlerts()
          return found.length === 1 ? found : undefined
        })
        expect(alerts).toHaveLength(1)

        // The automatic trigger queues a new invoice, and the drain it starts sends nothing.
        const { claimAfterQueued, restore } = watchClaims()
        try {
          await api.post(
            "/admin/salesforce/settings",
            { automatic_sync: true },
            asAdmin
          )
          const automatic = await newInvoice()
          expect(await claimAfterQueued(automatic.invoice.id)).toEqual([])
          await api.post(
            "/admin/salesforce/settings",
            { automatic_sync: false },
            asAdmin
          )
          // The catch-up finds the one invoice nobody queued, and its drain sends nothing either.
          const missed = await newInvoice()
          const caught = (
            await api.post("/admin/salesforce/catch-up", {}, asAdmin)
          ).data
          expect(caught).toEqual({ found: 1, run_id: expect.any(String) })
          expect(await claimAfterQueued(missed.invoice.id)).toEqual([])
          expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(0)
          for (const waiting of [automatic, missed]) {
            expect(
              await service().listSyncOutboxEntries({
                invoice_id: waiting.invoice.id,
                status: "pending",
              })
            ).toHaveLength(1)
          }
        } finally {
          restore()
        }

        // A single invoice's Retry goes through, and says it went past the budget.
        const retry = await api.post(
          `/admin/invoices/${first.invoice.id}/salesforce-sync`,
          { trigger: "retry" },
          asAdmin
        )
        expect(retry.data.result.status).toBe("synced")
        expect(retry.data.result.note).toMatch(/^Sent past the API budget/)
        const [retried] = (
          await api.get(
            `/admin/salesforce/sync-log?invoice_id=${first.invoice.id}`,
            asAdmin
          )
        ).data.attempts
        expect(retried.note).toBe(retry.data.result.note)
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(1)
        expect((await settings()).pause.kind).toBe("api_budget")

        // Raising the budget resumes at once: the waiting document goes, the pause ends, no new alert.
        await api.post(
          "/admin/salesforce/settings",
          { api_budget_percent: 90 },
          asAdmin
        )
        await eventually(async () =>
          sf.emu.records("Medusa_Invoice__c").length === 4 ? true : undefined
        )
        await eventually(async () =>
          (await settings()).pause === null ? true : undefined
        )
        await alertEvents.settled()
        expect(await pausedAlerts()).toHaveLength(1)

        // Every REST call the sync made is counted in today's row, as Salesforce counted them.
        const after = (await settings()).api_usage
        expect(after.calls_today_by_store - callsBefore).toBe(restCalls())
      })

      it("resumes by itself once usage falls below the budget, re-pausing without a new alert while it has not", async () => {
        const invoice = await newInvoice()
        sf.emu.setApiUsage({ used: 60_000, max: 100_000 })
        await bulkSync([invoice.invoice.id])
        expect((await settings()).pause.kind).toBe("api_budget")
        const expire = () =>
          // The recheck's five minutes passing, and the stored usage growing old.
          service().updateSalesforceSettings({
            id: "default",
            paused_until: new Date(Date.now() - 1000),
            api_usage_at: new Date(Date.now() - 3600_000),
          })

        await expire()
        await drainOutbox(getContainer())
        const still = await settings()
        expect(still.pause).toEqual(
          expect.objectContaining({ kind: "api_budget", active: true })
        )
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(0)

        sf.emu.setApiUsage({ used: 100 })
        await expire()
        await drainOutbox(getContainer())
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(1)
        expect((await settings()).pause).toBeNull()
        await alertEvents.settled()
        expect(await pausedAlerts()).toHaveLength(1)
      })
    })

    describe("attempt viewer", () => {
      it("shows what was sent for the document, Salesforce's answer and the time taken, and never a secret", async () => {
        const good = await newInvoice()
        const bad = await newInvoice({ sku: "Y".repeat(120) }) // SKU too long for Salesforce
        await bulkSync([good.invoice.id, bad.invoice.id])
        const { attempts } = (
          await api.get("/admin/salesforce/sync-log", asAdmin)
        ).data
        const byInvoice = new Map(
          attempts.map((a: { invoice_id: string; id: string }) => [
            a.invoice_id,
            a.id,
          ])
        )

        const { attempt } = (
          await api.get(
            `/admin/salesforce/sync-log/${byInvoice.get(good.invoice.id)}`,
            asAdmin
          )
        ).data
        expect(attempt.status).toBe("synced")
        const { detail } = attempt
        expect(detail.calls[0]).toEqual(
          expect.objectContaining({
            endpoint: expect.stringMatching(
              /^GET \/services\/data\/v62\.0\/query\?q=SELECT Id, AccountId, Email FROM Contact/
            ),
            duration_ms: expect.any(Number),
          })
        )
        expect(detail.calls).toContainEqual(
          expect.objectContaining({
            endpoint: "POST /services/data/v62.0/composite",
          })
        )
        const own = detail.records.find(
          (r: { object: string }) => r.object === "Medusa_Invoice__c"
        )
        expect(own).toEqual(
          expect.objectContaining({
            endpoint:
              "PATCH /services/data/v62.0/composite/sobjects/Medusa_Invoice__c/Medusa_Id__c",
            external_id_field: "Medusa_Id__c",
            external_id: good.invoice.id,
            fields: expect.objectContaining({ Name: good.invoice.number }),
            answer: expect.objectContaining({
              success: true,
              id: sf.emu
                .records("Medusa_Invoice__c")
                .find((r) => r.Medusa_Id__c === good.invoice.id)!.Id,
            }),
          })
        )
        expect(detail.calls[own.call].endpoint).toBe(
          "POST /services/data/v62.0/composite"
        )
        expect(detail.records.map((r: { object: string }) => r.object)).toEqual(
          expect.arrayContaining([
            "Account",
            "Contact",
            "Medusa_Invoice_Line__c",
          ])
        )

        const failed = (
          await api.get(
            `/admin/salesforce/sync-log/${byInvoice.get(bad.invoice.id)}`,
            asAdmin
          )
        ).data.attempt
        expect(failed.hint).toContain("SKU")
        const line = failed.detail.records.find(
          (r: { object: string; answer?: { success: boolean } }) =>
            r.object === "Medusa_Invoice_Line__c" && r.answer?.success === false
        )
        expect(line.answer.errors[0].statusCode).toBe("STRING_TOO_LONG")
        expect(line.fields.SKU__c).toBe("Y".repeat(120))

        const missing = await expectFailure(
          api.get("/admin/salesforce/sync-log/satt_nope", asAdmin)
        )
        expect(missing.status).toBe(404)
        expect(missing.data.message).toContain("satt_nope")

        // Neither the stored attempts nor the answers hold a token, the client secret or an auth header.
        const tokens = sf.emu.accessTokens()
        expect(tokens.length).toBeGreaterThan(0)
        const stored = JSON.stringify(
          await getContainer()
            .resolve(ContainerRegistrationKeys.PG_CONNECTION)
            .raw(`SELECT * FROM msi_sync_attempt`)
        )
        const answered = JSON.stringify([attempt, failed])
        for (const text of [stored, answered]) {
          expect(text).toContain(good.invoice.id)
          for (const secret of [...tokens, sf.emu.clientSecret]) {
            expect(text).not.toContain(secret)
          }
          expect(text).not.toMatch(/authorization|bearer/i)
        }
      })
    })

    describe("secrets planted where redaction must act", () => {
      it("keeps a live token and the client secret out of the stored attempts, the API's answers and the logs", async () => {
        const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
        const logged = (
          ["log", "error", "warn", "info", "debug", "failure"] as const
        )
          .filter((method) => typeof logger[method] === "function")
          .map((method) => jest.spyOn(logger, method))
        try {
          const first = await newInvoice()
          expect((await sync(first.invoice.id)).status).toBe("synced")
          const [token] = sf.emu.accessTokens()
          expect(token).toBeDefined()
          // What Salesforce or a proxy might echo back: the session, the auth header, a URL carrying the token.
          const echo = (marker: string) =>
            `${marker}: session ${token}; Authorization: Bearer ${token}; ` +
            `${sf.emu.url}/services/data/v62.0/sobjects/Medusa_Invoice__c?sid=${token}&secret=${CANARY_SECRET}`

          // A validation rule's message on one record of an otherwise good answer: it lands in the detail.
          const rejected = await newInvoice()
          sf.emu.injectRecordFault({
            object: "Medusa_Invoice__c",
            match: { Medusa_Id__c: rejected.invoice.id },
            errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
            message: echo("canary-record"),
          })
          const recordResult = await sync(rejected.invoice.id)
          expect(recordResult.status).toBe("failed")

          // A proxy's error page echoing the request's headers: jsforce makes the whole body its error's message.
          const proxied = await newInvoice()
          sf.emu.injectFault({
            method: "POST",
            path: "/composite",
            status: 400,
            body: `Bad Request\nRequest headers:\n${echo("canary-proxy")}`,
          })
          const proxyResult = await sync(proxied.invoice.id)
          expect(proxyResult.status).toBe("failed")

          const attemptOf = async (invoiceId: string) => {
            const [row] = (
              await api.get(
                `/admin/salesforce/sync-log?invoice_id=${invoiceId}`,
                asAdmin
              )
            ).data.attempts
            return (
              await api.get(`/admin/salesforce/sync-log/${row.id}`, asAdmin)
            ).data.attempt
          }
          const answers = [
            recordResult,
            proxyResult,
            await attemptOf(rejected.invoice.id),
            await attemptOf(proxied.invoice.id),
            (await api.get("/admin/salesforce/sync-log", asAdmin)).data,
            (await api.get("/admin/salesforce/connection", asAdmin)).data,
            (await api.get("/admin/salesforce/sync-health", asAdmin)).data,
            (await api.get(`/admin/invoices/${proxied.invoice.id}`, asAdmin))
              .data,
          ]
          const pg = getContainer().resolve(
            ContainerRegistrationKeys.PG_CONNECTION
          )
          const tables: { table_name: string }[] = (
            await pg.raw(
              `SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'msi\\_%'`
            )
          ).rows
          const stored: Record<string, unknown> = {}
          for (const { table_name } of tables) {
            stored[table_name] = (
              await pg.raw(`SELECT * FROM "${table_name}"`)
            ).rows
          }
          const logs = logged.flatMap((spy) => spy.mock.calls)

          const texts: Record<string, string> = {
            ...Object.fromEntries(
              Object.entries(stored).map(([table, rows]) => [
                table,
                JSON.stringify(rows),
              ])
            ),
            answered: JSON.stringify(answers),
            logged: JSON.stringify(logs),
          }
          // The planted messages did reach the sync log and the answers (the marker around them is kept)...
          for (const marker of ["canary-record", "canary-proxy"]) {
            expect(texts.msi_sync_attempt).toContain(marker)
            expect(texts.answered).toContain(marker)
          }
          // ... and no copy of the secrets in them did, wherever it was.
          const leaks = Object.entries(texts).flatMap(([where, text]) =>
            [token, CANARY_SECRET]
              .filter((secret) => text.includes(secret))
              .map((secret) => ({
                where,
                secret: secret === token ? "access token" : "client secret",
                around: text.slice(
                  Math.max(0, text.indexOf(secret) - 120),
                  text.indexOf(secret)
                ),
              }))
          )
          expect(leaks).toEqual([])
        } finally {
          logged.forEach((spy) => spy.mockRestore())
        }
      })
    })

    describe("preview", () => {
      it("lists exactly the records a sync would send, writing nothing to Salesforce", async () => {
        const { invoice } = await newInvoice()
        const missing = await expectFailure(
          api.get("/admin/invoices/inv_nope/salesforce-preview", asAdmin)
        )
        expect(missing.status).toBe(404)
        expect(missing.data.message).toContain("inv_nope")
        const badQuery = await expectFailure(
          api.get(
            `/admin/invoices/${invoice.id}/salesforce-preview?x=1`,
            asAdmin
          )
        )
        expect(badQuery.status).toBe(400)

        sf.emu.resetRequestLog()
        const { preview } = (
          await api.get(
            `/admin/invoices/${invoice.id}/salesforce-preview`,
            asAdmin
          )
        ).data
        // Only reads reached Salesforce: the customer lookup, nothing written.
        const rest = sf.emu
          .requestLog()
          .entries.filter((e) => e.path.startsWith("/services/data/"))
        expect(rest.map((e) => e.method)).toEqual(rest.map(() => "GET"))
        expect(rest.some((e) => /\/query\?q=SELECT/.test(e.path))).toBe(true)
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(0)
        expect(preview.customer).toEqual(
          expect.objectContaining({ match: "create", looked_up: true })
        )
        expect(
          preview.records.map((r: { object: string }) => r.object)
        ).toEqual([
          "Account",
          "Contact",
          "Medusa_Invoice__c",
          ...invoice.lines.map(() => "Medusa_Invoice_Line__c"),
        ])
        expect(preview.api_calls).toBe(1)

        // The sync then sends exactly these records.
        await bulkSync([invoice.id])
        const [row] = (
          await api.get(
            `/admin/salesforce/sync-log?invoice_id=${invoice.id}`,
            asAdmin
          )
        ).data.attempts
        const { attempt } = (
          await api.get(`/admin/salesforce/sync-log/${row.id}`, asAdmin)
        ).data
        const shape = (records: Record<string, unknown>[]) =>
          records.map(({ object, external_id, fields }) => ({
            object,
            external_id,
            fields,
          }))
        expect(shape(attempt.detail.records)).toEqual(shape(preview.records))

        // Now the customer is known: it is matched, not created.
        const again = (
          await api.get(
            `/admin/invoices/${invoice.id}/salesforce-preview`,
            asAdmin
          )
        ).data.preview
        expect(again.customer.match).toBe("linked")
        expect(again.customer.contact_id).toBe(sf.emu.records("Contact")[0].Id)
        expect(
          again.records.map((r: { object: string }) => r.object)
        ).not.toContain("Contact")
      })
    })
  },
})
