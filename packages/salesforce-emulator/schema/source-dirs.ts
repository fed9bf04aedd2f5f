import fs from "node:fs"
import path from "node:path"

// Where the metadata of an SFDX project lives. A merchant may point the emulator at the project root (with
// sfdx-project.json and its packageDirectories), at a package directory (force-app) or at the folder that holds
// objects/ itself (force-app/main/default); any folder that has objects/ or permissionsets/ is a source folder.

const SKIP = new Set(["node_modules", ".git", ".sf", ".sfdx", "dist"])
const MAX_DEPTH = 6

function isSource(dir: string): boolean {
  return (
    fs.existsSync(path.join(dir, "objects")) ||
    fs.existsSync(path.join(dir, "permissionsets"))
  )
}

function search(dir: string, depth: number, found: string[]): void {
  if (isSource(dir)) {
    found.push(dir)
    return
  }
  if (depth >= MAX_DEPTH) {
    return
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIP.has(entry.name)) {
      search(path.join(dir, entry.name), depth + 1, found)
    }
  }
}

/** The source folders under root, in a stable order; throws when root holds no SFDX metadata at all. */
export function findSourceDirs(root: string): string[] {
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new Error(`metadataDir ${root} is not a folder`)
  }
  const project = path.join(root, "sfdx-project.json")
  const starts = fs.existsSync(project)
    ? ((
        JSON.parse(fs.readFileSync(project, "utf8")) as {
          packageDirectories?: { path: string }[]
        }
      ).packageDirectories?.map((p) => path.resolve(root, p.path)) ?? [root])
    : [root]
  const found: string[] = []
  for (const start of starts) {
    if (fs.existsSync(start)) {
      search(start, 0, found)
    }
  }
  if (found.length === 0) {
    throw new Error(
      `metadataDir ${root}: no SFDX source found (a folder with objects/ or permissionsets/, e.g. force-app/main/default)`
    )
  }
  return found.sort()
}
