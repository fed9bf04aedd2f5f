import express, { Router } from "express"
import { EmulatorContext } from "../context"
import { EmulatorControls } from "./controls"

// Test controls over HTTP, for tests and scripts outside the emulator's process. Loopback clients only: these
// endpoints change and reveal everything, and they never live under /services where a real org's API is.

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"])

export function controlRoutes(
  ctx: EmulatorContext,
  controls: EmulatorControls
): Router {
  const router = Router()
  router.use((req, res, next) => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) {
      res.status(403).json({
        error: "emulator controls are available to loopback clients only",
      })
      return
    }
    next()
  })
  router.use(express.json({ limit: "10mb" }))

  router.get("/records/:object", (req, res) => {
    try {
      res.json(
        controls.records(req.params.object, {
          includeDeleted: req.query.includeDeleted === "true",
        })
      )
    } catch (error) {
      res.status(404).json({ error: (error as Error).message })
    }
  })
  router.post("/records/:object", (req, res) => {
    try {
      res
        .status(201)
        .json({ id: controls.insert(req.params.object, req.body ?? {}) })
    } catch (error) {
      res.status(400).json({ error: (error as Error).message })
    }
  })
  router.post("/reset", (_req, res) => {
    controls.reset()
    res.status(204).end()
  })
  router.get("/requests", (_req, res) => {
    res.json(controls.requestLog())
  })
  router.delete("/requests", (_req, res) => {
    controls.resetRequestLog()
    res.status(204).end()
  })
  router.get("/faults", (_req, res) => {
    res.json(ctx.faults.list())
  })
  router.post("/faults", (req, res) => {
    try {
      res.status(201).json({ id: controls.injectFault(req.body ?? {}) })
    } catch (error) {
      res.status(400).json({ error: (error as Error).message })
    }
  })
  router.delete("/faults", (_req, res) => {
    controls.clearFaults()
    res.status(204).end()
  })
  router.get("/record-faults", (_req, res) => {
    res.json(controls.recordFaults())
  })
  router.post("/record-faults", (req, res) => {
    try {
      res.status(201).json({ id: controls.injectRecordFault(req.body ?? {}) })
    } catch (error) {
      res.status(400).json({ error: (error as Error).message })
    }
  })
  router.delete("/record-faults", (_req, res) => {
    controls.clearRecordFaults()
    res.status(204).end()
  })
  router.put("/chaos", (req, res) => {
    try {
      res.json(controls.setChaos(req.body ?? {}))
    } catch (error) {
      res.status(400).json({ error: (error as Error).message })
    }
  })
  router.get("/chaos", (_req, res) => {
    res.json({ settings: ctx.chaos.current(), ...controls.faultStats() })
  })
  router.get("/fault-stats", (_req, res) => {
    res.json(controls.faultStats())
  })
  router.put("/row-locks", (req, res) => {
    try {
      res.json(controls.setRowLocks(req.body ?? {}))
    } catch (error) {
      res.status(400).json({ error: (error as Error).message })
    }
  })
  router.put("/latency", (req, res) => {
    controls.setLatency(req.body ?? {})
    res.json(ctx.latency)
  })
  router.post("/tokens/expire", (_req, res) => {
    controls.expireTokens()
    res.status(204).end()
  })
  router.put("/answer-urls", (req, res) => {
    res.json(controls.setAnswerUrls(req.body ?? null))
  })
  router.post("/tokens/refresh-token", (_req, res) => {
    res.status(201).json({ refresh_token: controls.issueRefreshToken() })
  })
  router.get("/limits", (_req, res) => {
    res.json(controls.apiUsage())
  })
  router.put("/limits", (req, res) => {
    controls.setApiUsage(req.body ?? {})
    res.json(controls.apiUsage())
  })
  return router
}
