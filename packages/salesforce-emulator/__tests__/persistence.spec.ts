import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { clientCredentialsConnection, emulator, invoice } from "./support"

describe("persistence", () => {
  it("keeps records across restarts in the data file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-emulator-"))
    const persistFile = path.join(dir, "data.json")
    try {
      const first = await emulator({ persistFile })
      const conn = await clientCredentialsConnection(first)
      const [saved] = (await conn
        .sobject("Medusa_Invoice__c")
        .upsert([invoice(1)], "Medusa_Id__c")) as { id: string }[]
      await first.stop()

      const second = await emulator({ persistFile })
      try {
        const again = await clientCredentialsConnection(second)
        const result = await again.query<{ Id: string }>(
          "SELECT Id FROM Medusa_Invoice__c WHERE Medusa_Id__c = 'inv_1'"
        )
        expect(result.records.map((r) => r.Id)).toEqual([saved.id])
        // Ids keep counting from where they were: no clash with the restored records.
        const next = (await again
          .sobject("Medusa_Invoice__c")
          .create(invoice(2))) as { id: string }
        expect(next.id).not.toBe(saved.id)
      } finally {
        await second.stop()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
