/**
 * A throw-away Redis for the cluster scripts: Debian's `redis-server` on a free loopback port, its files in a
 * temporary folder removed on stop, nothing saved to disk.
 */
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by jest
const { freePort } = require("./postgres")

export type RedisHandle = {
  url: string
  pid: number
  stop: () => Promise<void>
}

const READY = "Ready to accept connections"

export async function startRedis(
  startTimeoutMs = 15_000
): Promise<RedisHandle> {
  const port: number = await freePort(0)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-redis-"))
  const child = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "no",
    ],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true })
  let output = ""
  await new Promise<void>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer)
      removeDir()
      reject(new Error(`redis-server did not start: ${reason}\n${output}`))
    }
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      fail(`not ready after ${startTimeoutMs} ms`)
    }, startTimeoutMs)
    child.on("error", (error: NodeJS.ErrnoException) =>
      fail(
        error.code === "ENOENT"
          ? "redis-server is not installed (apt-get install redis-server), or set REDIS_URL"
          : error.message
      )
    )
    child.on("exit", (code) => fail(`it exited with ${code}`))
    child.stdout!.on("data", (chunk) => {
      output += chunk
      if (output.includes(READY)) {
        clearTimeout(timer)
        child.removeAllListeners("exit")
        resolve()
      }
    })
    child.stderr!.on("data", (chunk) => (output += chunk))
  })
  // Its log is not needed once it runs, but an unread pipe would block it when full.
  child.stdout!.resume()
  child.stderr!.resume()
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r))
        child.kill("SIGTERM")
        await exited
      }
      removeDir()
    },
  }
}
