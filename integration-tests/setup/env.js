// Medusa's test runners read these at import time.
process.env.NODE_ENV = "test"
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "error"
