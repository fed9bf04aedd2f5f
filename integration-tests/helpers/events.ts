import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

type Listener = (event: { name: string; data: unknown }) => Promise<void>

/**
 * Delivers an event to every subscriber of it, as the event bus does (again, if it was already emitted: delivery
 * is at least once), and waits until they have all finished. The bus itself answers `emit` before its
 * subscribers run, so this is how a test knows the work an event causes is done before it says what did not
 * happen.
 */
export async function deliverEvent(
  container: MedusaContainer,
  name: string,
  data: unknown
): Promise<void> {
  // The in-process (local) event bus the test runner uses keeps its subscribers on a Node EventEmitter; its
  // public API has no way to await them.
  const bus = container.resolve(Modules.EVENT_BUS) as unknown as {
    eventEmitter_: { listeners(name: string): Listener[] }
  }
  const listeners = bus.eventEmitter_.listeners(name)
  if (!listeners.length) {
    throw new Error(`no subscriber of ${name}`)
  }
  await Promise.all(listeners.map((listener) => listener({ name, data })))
}
