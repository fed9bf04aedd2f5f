import {
  camelToSnakeCase,
  defineJoinerConfig,
  DmlEntity,
  pluralize,
} from "@medusajs/framework/utils"
import type { ModuleJoinerConfig } from "@medusajs/framework/types"

/**
 * A module's joiner config for models named under our prefix (`msi_invoice`, ...) and kept by a `MedusaService`
 * under plain keys (`Invoice`, so the service has `listInvoices`).
 *
 * Model names are global in a store: Medusa's query aliases (`invoice`, `invoices`) and the ORM's entity names
 * (`Invoice`) come from them, and Medusa's invoice-generator recipe and other plugins have an `invoice` model
 * too; two of them stop the store at boot. Medusa derives an alias's service methods from the model name, which
 * would look for `listMsiInvoices`: each alias here names the methods the service really has.
 *
 * One object per module: Medusa's `Module()` writes the id-prefix map into the config it is given.
 */
export function prefixedJoinerConfig(
  serviceName: string,
  models: Record<string, DmlEntity<any, any>>
): ModuleJoinerConfig {
  return defineJoinerConfig(serviceName, {
    models: Object.values(models),
    alias: Object.entries(models).map(([key, model]) => {
      const name = camelToSnakeCase(model.name).toLowerCase()
      return {
        name: [name, pluralize(name)],
        entity: model.name,
        args: { methodSuffix: pluralize(key) },
      }
    }),
  })
}
