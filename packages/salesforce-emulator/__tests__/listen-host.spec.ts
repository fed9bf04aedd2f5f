import { spawn } from "node:child_process"
import path from "node:path"
import { isLoopbackHost, start } from "../index"
import { eventually } from "./support"

// The emulator's credentials are public defaults and its controls rewrite the org: it serves loopback only,
// unless the one starting it asks for another host explicitly.

const CLI = path.join(__dirname, "..", "cli.ts")

/** Starts the CLI from source, with its exit code and everything it printed. */
function runCli(args: string[]) {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", CLI, "--port", "0", ...args],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  let output = ""
  child.stdout.on("data", (chunk) => (output += String(chunk)))
  child.stderr.on("data", (chunk) => (output += String(chunk)))
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code))
  )
  return { child, exited, output: () => output }
}

describe("the emulator's listening host", () => {
  it("knows loopback addresses from others", () => {
    for (const host of [
      "127.0.0.1",
      "127.1.2.3",
      "localhost",
      "::1",
      "[::1]",
    ]) {
      expect(isLoopbackHost(host)).toBe(true)
    }
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "localhost.example.com"]) {
      expect(isLoopbackHost(host)).toBe(false)
    }
  })

  it("refuses a host other than loopback unless allowRemote is given", async () => {
    await expect(start({ host: "0.0.0.0" })).rejects.toThrow(
      /host 0\.0\.0\.0 needs allowRemote \(--allow-remote\).*development only/
    )
    const sf = await start({ host: "0.0.0.0", allowRemote: true })
    try {
      expect(sf.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/)
    } finally {
      await sf.stop()
    }
  })

  it("CLI: exits with the reason for --host 0.0.0.0, and says its credentials are for development", async () => {
    const refused = runCli(["--host", "0.0.0.0"])
    expect(await refused.exited).toBe(1)
    expect(refused.output()).toMatch(/needs allowRemote \(--allow-remote\)/)

    const served = runCli(["--host", "0.0.0.0", "--allow-remote"])
    try {
      await eventually(
        () => /test controls/.test(served.output()) || undefined,
        60_000
      )
      expect(served.output()).toMatch(/listening on http:\/\/0\.0\.0\.0:\d+/)
      expect(served.output()).toMatch(/for development only/)
      served.child.kill("SIGTERM")
      expect(await served.exited).toBe(0)
    } finally {
      served.child.kill("SIGKILL")
    }
  }, 120_000)
})
