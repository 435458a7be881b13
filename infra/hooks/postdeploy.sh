#!/bin/sh
# azd postdeploy hook, after every service (the app and the site) is deployed:
# 1. imports the API into API Management from the OpenAPI document the just-deployed app serves
#    (GET /api/openapi.json). On the first `azd up`, provisioning runs before any code exists, so the API is
#    declared there without operations; this fills them in from the live app, and sets APIM_IMPORT_FROM_APP
#    so that every later `azd provision` imports from the app itself (infra/app/apim.bicep). After a code
#    change (`azd deploy`) it imports again: the contract follows the code, never a copy.
# 2. waits until the app reports itself healthy, restarting it while its gateway key's Key Vault reference
#    has not resolved yet (the app's role on the secret is minutes old on a first `azd up`);
# 3. runs scripts/smoke.sh against the API, the site and the gateway (POSTDEPLOY_SMOKE=false skips it).
# It calls Azure Resource Manager with azd's own credential (`azd auth token`), not the Azure CLI's.
set -eu
. "$(dirname "$0")/lib.sh"

: "${SERVICE_API_URI:?SERVICE_API_URI is not set (run azd provision first)}"
: "${AZURE_SUBSCRIPTION_ID:?AZURE_SUBSCRIPTION_ID is not set}"
: "${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set (run azd provision first)}"

api_path="${APIM_API_PATH-api}"
document="${SERVICE_API_URI}/api/openapi.json"
if [ -n "$api_path" ]; then backend="${SERVICE_API_URI}/${api_path}"; else backend="$SERVICE_API_URI"; fi
attempts="${POSTDEPLOY_ATTEMPTS:-20}"
delay="${POSTDEPLOY_RETRY_SECONDS:-15}"
smoke="${SMOKE_SCRIPT:-scripts/smoke.sh}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The package was just swapped in: the first requests meet a cold start.
attempt=1
until curl -fsS -o /dev/null --max-time 60 "$document"; do
  if [ "$attempt" -ge "$attempts" ]; then
    echo "postdeploy: $document did not answer 200 after $attempts attempts; nothing imported (run: azd hooks run postdeploy)" >&2
    exit 1
  fi
  echo "postdeploy: waiting for $document (attempt $attempt of $attempts), retrying in ${delay}s"
  sleep "$delay"
  attempt=$((attempt + 1))
done

if [ -z "${APIM_NAME:-}" ]; then
  echo "postdeploy: API Management is not deployed (DEPLOY_API_MANAGEMENT=false); nothing to import"
else
  arm_sign_in
  : "${APIM_API_ID:?APIM_API_ID is not set (run azd provision first)}"
  api_url="$(arm_group)/providers/Microsoft.ApiManagement/service/$APIM_NAME/apis/$APIM_API_ID?api-version=2024-05-01"
  cat > "$work/body.json" <<JSON
{"properties":{"format":"openapi+json-link","value":"$document","path":"$api_path","serviceUrl":"$backend","protocols":["https"],"apiType":"http","subscriptionRequired":true,"subscriptionKeyParameterNames":{"header":"Ocp-Apim-Subscription-Key","query":"subscription-key"},"displayName":"HealthOracle"}}
JSON
  arm_call PUT "$api_url" "$work/body.json"

  # A long import answers 202 with a Location to poll until it answers 200.
  polls=0
  while [ "$arm_status" = "202" ]; do
    location=$(sed -n 's/^[Ll]ocation:[[:space:]]*\([^[:space:]]*\).*$/\1/p' "$work/headers" | tr -d '\r')
    if [ -z "$location" ] || [ "$polls" -ge "$attempts" ]; then
      echo "postdeploy: the import was accepted but did not finish; see the API in the portal" >&2
      exit 1
    fi
    sleep "${POSTDEPLOY_POLL_SECONDS:-5}"
    polls=$((polls + 1))
    arm_call GET "$location"
  done

  case "$arm_status" in
    200 | 201) ;;
    *)
      echo "postdeploy: importing $document into $APIM_NAME failed: HTTP $arm_status" >&2
      cat "$work/response" >&2 || true
      exit 1
      ;;
  esac

  azd env set APIM_IMPORT_FROM_APP true
  echo "postdeploy: API $APIM_API_ID imported into $APIM_NAME from $document (gateway: ${APIM_GATEWAY_URL:-<gateway>}/${api_path})"
fi

if ! wait_for_healthy_app; then
  echo "postdeploy: see GET $SERVICE_API_URI/api/health; run this hook again with: azd hooks run postdeploy" >&2
  exit 1
fi

if [ "${POSTDEPLOY_SMOKE:-true}" = false ]; then
  echo "postdeploy: smoke test skipped (POSTDEPLOY_SMOKE=false)"
  exit 0
fi
if [ -n "${APIM_NAME:-}" ] && [ -n "${APIM_GATEWAY_URL:-}" ]; then
  SMOKE_GATEWAY_URL="${SMOKE_GATEWAY_URL:-$APIM_GATEWAY_URL${api_path:+/$api_path}}"
  export SMOKE_GATEWAY_URL
fi
# The API as the site calls it: a custom domain (SITE_API_BASE) where one is set.
api="${SITE_API_BASE:-$SERVICE_API_URI}"
if [ -n "${SITE_URI:-}" ]; then
  bash "$smoke" "$api" "$SITE_URI"
else
  bash "$smoke" "$api"
fi
