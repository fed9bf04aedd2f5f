import InvoiceModule from "../../modules/invoice"
import SalesforceModule from "../../modules/salesforce"

// What Medusa's query reads off our modules: every name under our prefix (another module's `invoice` or
// `sync_run` would stop the store at boot) and every name answered by a method the service really has.
describe.each([
  ["msiInvoice", InvoiceModule],
  ["msiSalesforce", SalesforceModule],
])("the %s module's query names", (serviceName, module) => {
  const config = module.service.prototype.__joinerConfig!()
  const aliases = [config.alias ?? []].flat().flatMap((alias) =>
    [alias.name].flat().map((name) => ({
      name,
      entity: alias.entity,
      methodSuffix: alias.args?.methodSuffix,
    }))
  )

  it("are all prefixed", () => {
    expect(config.serviceName).toBe(serviceName)
    expect(aliases.length).toBeGreaterThan(0)
    for (const { name, entity } of aliases) {
      expect(name).toMatch(/^msi_/)
      expect(entity).toMatch(/^Msi/)
    }
  })

  it("each list the entity through a method of the service", () => {
    for (const { methodSuffix } of aliases) {
      expect(typeof module.service.prototype[`list${methodSuffix}`]).toBe(
        "function"
      )
    }
  })

  it("are what links use", () => {
    for (const linkable of Object.values(module.linkable)) {
      expect((linkable as { id: { field: string } }).id.field).toMatch(/^msi/)
    }
  })
})
