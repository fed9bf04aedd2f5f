#!/usr/bin/env node
// The installed command runs the compiled build (npm run build in this package writes dist/).
require("../dist/cli.js")
