import fs from "node:fs"
import path from "node:path"
import { IngestJob } from "../bulk/jobs"
import { StoreSnapshot } from "./record-store"

/** What the data file holds: the records, and the Bulk API jobs so a client polling one finds it after a restart. */
export type PersistedState = StoreSnapshot & { bulkJobs?: IngestJob[] }

// Keeps the records in a JSON file so `npm run dev` finds them again after a restart. Writes are batched: a burst
// of API calls ends in one write shortly after the last change, through a temporary file so a crash mid-write
// never leaves half a file.

const DELAY_MS = 250

export class PersistFile {
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly file: string,
    private readonly state: () => PersistedState
  ) {}

  load(): PersistedState | null {
    if (!fs.existsSync(this.file)) {
      return null
    }
    const text = fs.readFileSync(this.file, "utf8")
    try {
      return JSON.parse(text) as PersistedState
    } catch (error) {
      throw new Error(
        `${this.file} is not a valid emulator data file: ${(error as Error).message}`
      )
    }
  }

  schedule(): void {
    if (this.timer) {
      return
    }
    this.timer = setTimeout(() => {
      this.timer = null
      void this.flush()
    }, DELAY_MS)
    this.timer.unref()
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const snapshot = JSON.stringify(this.state())
    this.writing = this.writing.then(async () => {
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true })
      const temp = `${this.file}.${process.pid}.tmp`
      await fs.promises.writeFile(temp, snapshot)
      await fs.promises.rename(temp, this.file)
    })
    await this.writing
  }
}
