#!/bin/sh
# azd postdeploy hook: imports the API into API Management from the OpenAPI document the just-deployed
# app serves (GET /api/openapi.json). On the first `azd up`, provisioning runs before any code exists,
# so the API is declared there without operations; this hook fills them in from the live app, and sets
# APIM_IMPORT_FROM_APP so that every later `azd provision` imports from the app itself (infra/app/apim.bicep).
# After a code change (`azd deploy`) it imports again: the contract follows the code, never a copy.
# It calls Azure Resource Manager with azd's own credential (`azd auth token`), not the Azure CLI's.
set -eu

if [ -z "${APIM_NAME:-}" ]; then
  echo "postdeploy: API Management is not deployed (DEPLOY_API_MANAGEMENT=false); nothing to import"
  exit 0
fi

: "${SERVICE_API_URI:?SERVICE_API_URI is not set (run azd provision first)}"
: "${AZURE_SUBSCRIPTION_ID:?AZURE_SUBSCRIPTION_ID is not set}"
: "${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set (run azd provision first)}"
: "${APIM_API_ID:?APIM_API_ID is not set (run azd provision first)}"

api_path="${APIM_API_PATH-api}"
arm="${AZURE_RESOURCE_MANAGER_ENDPOINT:-https://management.azure.com}"
document="${SERVICE_API_URI}/api/openapi.json"
if [ -n "$api_path" ]; then backend="${SERVICE_API_URI}/${api_path}"; else backend="$SERVICE_API_URI"; fi
attempts="${POSTDEPLOY_ATTEMPTS:-20}"
delay="${POSTDEPLOY_RETRY_SECONDS:-15}"

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

azd auth token --output json --no-prompt --scope "https://management.azure.com/.default" > "$work/token.json"
token=$(sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/token.json")
if [ -z "$token" ]; then
  echo "postdeploy: azd auth token gave no token; sign in with azd auth login" >&2
  exit 1
fi
# A header file keeps the token out of the process list.
umask 077
printf 'Authorization: Bearer %s\n' "$token" > "$work/auth"

api_url="$arm/subscriptions/$AZURE_SUBSCRIPTION_ID/resourceGroups/$AZURE_RESOURCE_GROUP/providers/Microsoft.ApiManagement/service/$APIM_NAME/apis/$APIM_API_ID?api-version=2024-05-01"
cat > "$work/body.json" <<JSON
{"properties":{"format":"openapi+json-link","value":"$document","path":"$api_path","serviceUrl":"$backend","protocols":["https"],"apiType":"http","subscriptionRequired":true,"subscriptionKeyParameterNames":{"header":"Ocp-Apim-Subscription-Key","query":"subscription-key"},"displayName":"HealthOracle"}}
JSON

status=$(curl -sS -o "$work/response" -D "$work/headers" -w '%{http_code}' -X PUT \
  -H @"$work/auth" -H 'Content-Type: application/json' --data-binary @"$work/body.json" "$api_url")

# A long import answers 202 with a Location to poll until it answers 200.
polls=0
while [ "$status" = "202" ]; do
  location=$(sed -n 's/^[Ll]ocation:[[:space:]]*\([^[:space:]]*\).*$/\1/p' "$work/headers" | tr -d '\r')
  if [ -z "$location" ] || [ "$polls" -ge "$attempts" ]; then
    echo "postdeploy: the import was accepted but did not finish; see the API in the portal" >&2
    exit 1
  fi
  sleep "${POSTDEPLOY_POLL_SECONDS:-5}"
  polls=$((polls + 1))
  status=$(curl -sS -o "$work/response" -D "$work/headers" -w '%{http_code}' -H @"$work/auth" "$location")
done

case "$status" in
  200 | 201) ;;
  *)
    echo "postdeploy: importing $document into $APIM_NAME failed: HTTP $status" >&2
    cat "$work/response" >&2 || true
    exit 1
    ;;
esac

azd env set APIM_IMPORT_FROM_APP true
echo "postdeploy: API $APIM_API_ID imported into $APIM_NAME from $document (gateway: ${APIM_GATEWAY_URL:-<gateway>}/${api_path})"
