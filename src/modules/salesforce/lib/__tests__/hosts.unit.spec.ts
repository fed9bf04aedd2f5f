import net from "node:net"
import os from "node:os"
import { EmulatorHandle, startEmulator } from "salesforce-emulator"
import { SalesforceApiError, SalesforceClient } from ".."
import { isLoopbackHostname, untrustedUrlProblem } from "../hosts"

// jsforce's transport ignores NO_PROXY: loopback calls must not go to a proxy.
for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) {
  delete process.env[name]
}

const LOGIN = "https://login.salesforce.com"

describe("untrustedUrlProblem", () => {
  it("accepts https on Salesforce's domains and on the configured login host", () => {
    for (const url of [
      "https://acme.my.salesforce.com",
      "https://acme--uat.sandbox.my.salesforce.com/services/data/v62.0/query/01g-2000",
      "https://login.salesforce.com/id/00D000000000001/005000000000001",
      "https://acme.lightning.force.com",
      "https://acme.my.salesforce-setup.com",
      "https://na1.cloudforce.com",
      "https://acme.my.salesforce.mil",
      "https://ACME.MY.SALESFORCE.COM.",
    ]) {
      expect(untrustedUrlProblem(url, LOGIN)).toBeUndefined()
    }
    expect(
      untrustedUrlProblem(
        "https://crm.acme.example/services/data",
        "https://crm.acme.example"
      )
    ).toBeUndefined()
  })

  it("accepts http and https on loopback only (the emulator)", () => {
    for (const url of [
      "http://127.0.0.1:4010",
      "http://localhost:4010/id/x",
      "http://[::1]:4010",
      "https://127.0.0.5",
    ]) {
      expect(untrustedUrlProblem(url, "http://127.0.0.1:4010")).toBeUndefined()
    }
    expect(isLoopbackHostname("10.0.0.1")).toBe(false)
    expect(isLoopbackHostname("0.0.0.0")).toBe(false)
  })

  it("refuses other hosts, look-alikes, plain http and URLs with credentials", () => {
    const refused: [string, RegExp][] = [
      ["https://attacker.example", /attacker\.example, not a Salesforce host/],
      ["https://salesforce.com.attacker.example", /not a Salesforce host/],
      ["https://evilsalesforce.com", /not a Salesforce host/],
      ["https://my.salesforce.com@attacker.example", /carries credentials/],
      ["http://acme.my.salesforce.com", /uses http instead of https/],
      ["http://0.0.0.0:4010", /uses http instead of https/],
      ["ftp://acme.my.salesforce.com", /uses ftp instead of https/],
      ["javascript:alert(1)", /uses javascript instead of https/],
      ["/services/data", /not an absolute URL/],
    ]
    for (const [url, problem] of refused) {
      expect(untrustedUrlProblem(url, LOGIN)).toMatch(problem)
    }
  })
})

/** An address of this machine that is not loopback, so a URL on it is foreign to the check yet reaches `trap`. */
function foreignAddress(): string {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)
  // Without a network interface, 0.0.0.0 still connects to this machine on Linux.
  return external?.address ?? "0.0.0.0"
}

describe("SalesforceClient and an answer naming a foreign host", () => {
  let emu: EmulatorHandle
  let trap: net.Server
  let connections = 0
  let foreign: string

  beforeAll(async () => {
    emu = await startEmulator({ port: 0 })
    // Counts connections, not requests: a TLS handshake attempt counts too.
    trap = net.createServer((socket) => {
      connections += 1
      socket.destroy()
    })
    const host = foreignAddress()
    await new Promise<void>((resolve) => trap.listen(0, host, resolve))
    foreign = `${host}:${(trap.address() as net.AddressInfo).port}`
  })
  afterEach(() => {
    emu.reset()
    connections = 0
  })
  afterAll(async () => {
    await emu.stop()
    await new Promise((resolve) => trap.close(resolve))
  })

  const client = () =>
    new SalesforceClient({
      loginUrl: emu.url,
      authFlow: "client_credentials",
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
    })

  async function refusal(promise: Promise<unknown>) {
    const error = await promise.then(
      () => {
        throw new Error("expected a rejection")
      },
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(SalesforceApiError)
    return error as SalesforceApiError
  }

  it("the trap is reachable, so a request to it would be counted", async () => {
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(
        Number(foreign.split(":")[1]),
        foreign.split(":")[0]
      )
      socket.once("close", () => resolve())
      socket.once("error", reject)
    })
    expect(connections).toBe(1)
  })

  it.each(["http", "https"])(
    "refuses a %s instance_url on another host: auth failure, nothing sent there",
    async (scheme) => {
      emu.setAnswerUrls({ instanceUrl: `${scheme}://${foreign}` })
      const sf = client()
      const error = await refusal(sf.query("SELECT Id FROM Account"))
      expect(error).toMatchObject({ errorCode: "UNTRUSTED_HOST", kind: "auth" })
      expect(error.message).toMatch(/instance_url/)
      expect(connections).toBe(0)
      expect(sf.instanceUrl()).toBeNull()
    }
  )

  it("refuses a token whose identity URL is on another host", async () => {
    emu.setAnswerUrls({ identityUrl: `https://${foreign}/id/00D/005` })
    const error = await refusal(client().identity())
    expect(error).toMatchObject({ errorCode: "UNTRUSTED_HOST", kind: "auth" })
    expect(connections).toBe(0)
  })

  it("refuses an absolute nextRecordsUrl on another host, and follows the emulator's own", async () => {
    for (let i = 0; i < 2001; i++) {
      emu.insert("Account", { Name: `A${i}` })
    }
    const sf = client()
    // Control: an absolute nextRecordsUrl on the instance's own (loopback) origin is followed.
    emu.setAnswerUrls({ nextRecordsOrigin: emu.url })
    expect(await sf.query("SELECT Id FROM Account")).toHaveLength(2001)

    emu.setAnswerUrls({ nextRecordsOrigin: `http://${foreign}` })
    const error = await refusal(sf.query("SELECT Id FROM Account"))
    expect(error).toMatchObject({ errorCode: "UNTRUSTED_HOST", kind: "auth" })
    expect(error.message).toMatch(/nextRecordsUrl/)
    expect(connections).toBe(0)
  })
})
