// Bulk API 2.0 ingest jobs: Open (accepting CSV) -> UploadComplete -> InProgress -> JobComplete | Failed, or
// Aborted by the client. Results are CSV documents kept with the job.

export type IngestOperation =
  "insert" | "update" | "upsert" | "delete" | "hardDelete"

export type JobState =
  | "Open"
  | "UploadComplete"
  | "InProgress"
  | "JobComplete"
  | "Failed"
  | "Aborted"

export type IngestJob = {
  id: string
  operation: IngestOperation
  object: string
  externalIdFieldName?: string
  createdById: string
  createdDate: string
  systemModstamp: string
  state: JobState
  concurrencyMode: "Parallel"
  contentType: "CSV"
  apiVersion: number
  lineEnding: "LF" | "CRLF"
  columnDelimiter: string
  /** CSV uploads in order; Salesforce accepts one upload per job, later ones are refused. */
  upload: string | null
  numberRecordsProcessed: number
  numberRecordsFailed: number
  totalProcessingTime: number
  errorMessage?: string
  successfulResults: string
  failedResults: string
  unprocessedRecords: string
}

export class BulkJobs {
  private jobs = new Map<string, IngestJob>()

  constructor(private readonly onChange: () => void = () => {}) {}

  add(job: IngestJob): void {
    this.jobs.set(job.id, job)
    this.onChange()
  }

  /** A job changed in place (state, upload, results): persist it. */
  changed(): void {
    this.onChange()
  }

  restore(jobs: IngestJob[]): void {
    this.jobs = new Map(jobs.map((job) => [job.id, job]))
  }

  get(id: string): IngestJob | undefined {
    return this.jobs.get(id)
  }

  all(): IngestJob[] {
    return [...this.jobs.values()]
  }

  delete(id: string): void {
    this.jobs.delete(id)
    this.onChange()
  }

  clear(): void {
    this.jobs.clear()
    this.onChange()
  }
}

/** The job as the API shows it: no uploads or result documents. */
export function jobInfo(job: IngestJob, detailed: boolean) {
  const {
    upload,
    successfulResults,
    failedResults,
    unprocessedRecords,
    ...info
  } = job
  const base = {
    ...info,
    contentUrl: `services/data/v${job.apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches`,
  }
  if (!detailed) {
    const {
      numberRecordsProcessed,
      numberRecordsFailed,
      totalProcessingTime,
      errorMessage,
      ...summary
    } = base
    return summary
  }
  return {
    ...base,
    jobType: "V2Ingest",
    retries: 0,
    apiActiveProcessingTime: job.totalProcessingTime,
    apexProcessingTime: 0,
  }
}
