import { execFile, spawn } from "node:child_process"
import path from "node:path"
import { promisify } from "node:util"
import jsforce from "jsforce"
import { start } from "../index"
import {
  API_VERSION,
  customObjectXml,
  eventually,
  sfdxFolder,
  textFieldXml,
} from "./support"

// The emulator as a package of its own: start({ metadataDir }) on a merchant's SFDX project, and the built bin.

const PACKAGE_DIR = path.resolve(__dirname, "..")

const project = () =>
  sfdxFolder({
    "sfdx-project.json": JSON.stringify({
      packageDirectories: [
        { path: "force-app", default: true },
        { path: "extras" },
      ],
    }),
    "force-app/main/default/objects/Widget__c/Widget__c.object-meta.xml":
      customObjectXml("Widget"),
    "force-app/main/default/objects/Widget__c/fields/Code__c.field-meta.xml":
      textFieldXml(
        "Code__c",
        "<externalId>true</externalId><unique>true</unique>"
      ),
    // A second package directory adds a field to the same object.
    "extras/main/default/objects/Widget__c/fields/Colour__c.field-meta.xml":
      textFieldXml("Colour__c"),
  })

describe("salesforce-emulator as a package", () => {
  it("loads a merchant's own SFDX project: its objects and fields, none of ours", async () => {
    const folder = project()
    const sf = await start({ port: 0, metadataDir: folder.dir })
    try {
      const conn = new jsforce.Connection({
        version: API_VERSION,
        oauth2: {
          loginUrl: sf.url,
          clientId: sf.clientId,
          clientSecret: sf.clientSecret,
        },
      })
      await conn.authorize({ grant_type: "client_credentials" })
      const names = (await conn.describeGlobal()).sobjects.map((o) => o.name)
      expect(names).toContain("Widget__c")
      expect(names).not.toContain("Medusa_Invoice__c")
      const [saved] = await conn
        .sobject("Widget__c")
        .upsert(
          [{ Name: "Blue one", Code__c: "w-1", Colour__c: "blue" }],
          "Code__c"
        )
      expect(saved).toMatchObject({ success: true, created: true })
      const rows = await conn.query<{ Colour__c: string }>(
        "SELECT Colour__c FROM Widget__c WHERE Code__c = 'w-1'"
      )
      expect(rows.records.map((r) => r.Colour__c)).toEqual(["blue"])
    } finally {
      await sf.stop()
      folder.remove()
    }
  })

  it("says what is wrong with a metadataDir that holds no metadata", async () => {
    const empty = sfdxFolder({ "README.md": "nothing here" })
    try {
      await expect(start({ metadataDir: empty.dir })).rejects.toThrow(
        /no SFDX source found/
      )
      await expect(
        start({ metadataDir: path.join(empty.dir, "missing") })
      ).rejects.toThrow(/is not a folder/)
    } finally {
      empty.remove()
    }
  })

  it("builds, and its bin prints help and serves a project until SIGTERM", async () => {
    await promisify(execFile)("npm", ["run", "build"], { cwd: PACKAGE_DIR })
    const bin = path.join(PACKAGE_DIR, "bin", "salesforce-emulator.js")
    const help = await promisify(execFile)(process.execPath, [bin, "--help"])
    expect(help.stdout).toMatch(/^Usage: salesforce-emulator \[options\]/)

    const folder = project()
    const child = spawn(
      process.execPath,
      [bin, "--port", "0", "--metadata-dir", folder.dir],
      { stdio: ["ignore", "pipe", "pipe"] }
    )
    let output = ""
    child.stdout.on("data", (chunk) => (output += String(chunk)))
    child.stderr.on("data", (chunk) => (output += String(chunk)))
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code))
    )
    try {
      const url = await eventually(
        () => /listening on (http:\/\/\S+)/.exec(output)?.[1],
        60_000
      )
      const token = await fetch(`${url}/services/oauth2/token`, {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: "medusa-emulator-client",
          client_secret: "medusa-emulator-secret",
        }),
      })
      const { access_token } = (await token.json()) as { access_token: string }
      const describe = await fetch(
        `${url}/services/data/v${API_VERSION}/sobjects/Widget__c/describe`,
        { headers: { Authorization: `Bearer ${access_token}` } }
      )
      expect(describe.status).toBe(200)
      child.kill("SIGTERM")
      expect(await exited).toBe(0)
    } finally {
      child.kill("SIGKILL")
      folder.remove()
    }
  }, 240_000)
})
