#!/usr/bin/env bash
# Checks a running HealthOracle (any deployment, or DevHost) as its users meet it; no secret needed.
#
#   bash scripts/smoke.sh <api-url> [site-url]
#
# The checks and their optional settings (a gateway URL and subscription key, a signed-in session) are
# described in scripts/smoke.mjs, which does the work with node (18 or later, already needed for the site).
set -euo pipefail
exec node "$(dirname "${BASH_SOURCE[0]}")/smoke.mjs" "$@"
