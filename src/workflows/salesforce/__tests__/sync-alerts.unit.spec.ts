import { syncAlert } from "../utils/sync-alerts"

describe("syncAlert", () => {
  it("raises nothing for a run without failures", () => {
    expect(
      syncAlert({
        kind: "run_finished",
        run: { id: "srun_1", trigger: "bulk", total: 3, failed: 0 },
        top_reason: null,
      })
    ).toBeNull()
  })

  it("names a failed run's count, its main reason and links the run, keyed by the run", () => {
    expect(
      syncAlert({
        kind: "run_finished",
        run: { id: "srun_1", trigger: "catch_up", total: 5, failed: 2 },
        top_reason: "Salesforce requires Customer Email on the invoice",
      })
    ).toEqual({
      idempotency_key: "msi-alert:run:srun_1",
      title: "Salesforce sync: 2 of 5 document(s) failed",
      description:
        "A catch-up sync run srun_1 could not send 2 document(s) to Salesforce; most often: Salesforce requires " +
        "Customer Email on the invoice. Failures, their fixes and a CSV: Invoices → Sync log → Runs " +
        "(/app/invoices/sync-log/runs/srun_1).",
      url: "/app/invoices/sync-log/runs/srun_1",
    })
  })

  it("keys a connection failure and a pause by the change of state, linking the settings", () => {
    const failing = syncAlert({
      kind: "connection_failed",
      at: "2026-03-01T10:00:00.000Z",
      message: "Salesforce rejected the login (invalid_client)",
    })
    expect(failing).toEqual(
      expect.objectContaining({
        idempotency_key: "msi-alert:connection:2026-03-01T10:00:00.000Z",
        url: "/app/settings/salesforce",
      })
    )
    const paused = syncAlert({
      kind: "paused",
      until: "2026-03-01T11:00:00.000Z",
      reason: "Salesforce daily API limit reached (REQUEST_LIMIT_EXCEEDED)",
    })
    expect(paused?.idempotency_key).toBe(
      "msi-alert:paused:2026-03-01T11:00:00.000Z"
    )
    expect(paused?.description).toContain("after 2026-03-01 11:00 UTC")
  })
})
