#!/usr/bin/env bash
# Installs Ajv as pinned by package-lock.json (the npm registry only) and runs the Ajv tests of
# the jsonschema module (TestAjvAgreement: the exported schemas compiled by Ajv 2020 in strict
# mode, and its verdicts compared with profilekit's). PROFILEKIT_AJV_REQUIRED=1 makes them fail,
# rather than skip, when node or the installed packages are missing. Needs node (20 or later)
# and npm; CI runs it from .ci/run.
set -euo pipefail
cd "$(dirname "$0")"
node --version
npm --version
npm ci --no-audit --no-fund
cd ..
PROFILEKIT_AJV_REQUIRED=1 go test ./... -run Ajv -count=1 -v
