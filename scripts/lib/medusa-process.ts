/**
 * Medusa CLI processes for the scripts: each in its own process group, so stopping one also stops what it forks
 * (`medusa develop` forks the server it watches).
 */
import { ChildProcess, spawn, StdioOptions } from "node:child_process"
import path from "node:path"

export const ROOT = path.resolve(__dirname, "..", "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

export function spawnMedusa(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdio: StdioOptions = "inherit"
): ChildProcess {
  return spawn(MEDUSA, args, { cwd: ROOT, env, stdio, detached: true })
}

/** Runs `medusa <args>` to its end; `quiet` prints its output only when it fails. Killed after `timeoutMs`. */
export function runMedusa(
  args: string[],
  env: NodeJS.ProcessEnv,
  { quiet = false, timeoutMs = 10 * 60_000 } = {}
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnMedusa(
      args,
      env,
      quiet ? ["ignore", "pipe", "pipe"] : "inherit"
    )
    let output = ""
    child.stdout?.on("data", (chunk) => (output += chunk))
    child.stderr?.on("data", (chunk) => (output += chunk))
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), timeoutMs)
    child.on("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      if (code === 0) {
        resolve()
        return
      }
      if (quiet) process.stderr.write(output)
      reject(
        new Error(
          `medusa ${args.join(" ")} ended with ${signal ?? `exit code ${code}`}`
        )
      )
    })
  })
}

/** Sends `signal` to the child's whole process group; false when it is already gone. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) {
    return false
  }
  try {
    process.kill(-child.pid, signal)
    return true
  } catch {
    return false
  }
}

/** SIGTERM (Medusa shuts down gracefully), then SIGKILL if it is still there after `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return
  }
  const exited = new Promise((resolve) => child.once("exit", resolve))
  if (!signalGroup(child, "SIGTERM")) {
    return
  }
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs)
  await exited
  clearTimeout(timer)
}
