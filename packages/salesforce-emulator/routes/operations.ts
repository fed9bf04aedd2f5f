import { Router } from "express"
import { handle, Operation } from "./helpers"

// The REST operations by method and route, recorded as the routers are built, so the composite resource can run a
// subrequest through the same code as a standalone call, synchronously and inside the composite's transaction.

type Handler = ReturnType<typeof handle>

type Entry = { method: string; segments: string[]; operation: Operation }

/** An Express router that also records each route's operation. */
export class OperationRouter {
  readonly express = Router({ mergeParams: true })

  constructor(private readonly entries: Entry[]) {}

  get(path: string, handler: Handler): void {
    this.add("get", path, handler)
  }

  post(path: string, handler: Handler): void {
    this.add("post", path, handler)
  }

  patch(path: string, handler: Handler): void {
    this.add("patch", path, handler)
  }

  delete(path: string, handler: Handler): void {
    this.add("delete", path, handler)
  }

  private add(
    method: "get" | "post" | "patch" | "delete",
    path: string,
    handler: Handler
  ): void {
    this.express[method](path, handler)
    this.entries.push({
      method: method.toUpperCase(),
      segments: path.split("/").filter(Boolean),
      operation: handler.operation,
    })
  }
}

export class Operations {
  private readonly entries: Entry[] = []

  router(): OperationRouter {
    return new OperationRouter(this.entries)
  }

  /** The operation for a path under /services/data/vXX.X, with its route parameters, first match wins. */
  match(
    method: string,
    path: string
  ): { operation: Operation; params: Record<string, string> } | undefined {
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent)
    for (const entry of this.entries) {
      if (
        entry.method !== method.toUpperCase() ||
        entry.segments.length !== parts.length
      ) {
        continue
      }
      const params: Record<string, string> = {}
      const matches = entry.segments.every((segment, i) => {
        if (segment.startsWith(":")) {
          params[segment.slice(1)] = parts[i]
          return true
        }
        return segment === parts[i]
      })
      if (matches) {
        return { operation: entry.operation, params }
      }
    }
    return undefined
  }
}
