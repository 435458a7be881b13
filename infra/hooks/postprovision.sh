#!/bin/sh
# azd postprovision hook:
# 1. publishes models/ to the model store with the training tool, signed in with azd's own credential
#    (`azd auth login`), never with whatever account the Azure CLI happens to hold: AZURE_TOKEN_CREDENTIALS
#    narrows the tool's DefaultAzureCredential to AzureDeveloperCliCredential (Azure.Identity 1.15 and
#    later). The deployer's Storage Blob Data Contributor on the models container was granted by this same
#    provision, and a new role assignment can take up to 10 minutes to apply
#    (learn.microsoft.com/azure/role-based-access-control/troubleshooting), so a refused upload is retried
#    for longer than that; each attempt is a new process with a fresh token.
# 2. where the gateway reads its key from Key Vault (every provision after the first), asks API Management to
#    read it again now rather than within four hours, retrying while its role may still be applying; and,
#    where the app already runs code, waits until it reports itself healthy (lib.sh), restarting it while
#    its own Key Vault references do not resolve.
# 3. says what a key rotation needs next (GATEWAY_KEY_ROTATION).
set -eu
. "$(dirname "$0")/lib.sh"

publish_models() {
  if [ ! -f models/manifest.json ]; then
    echo "postprovision: models/manifest.json not found; train the models, then run this hook again:"
    echo "  azd hooks run postprovision"
    return 0
  fi

  : "${MODEL_STORAGE_BLOB_ENDPOINT:?MODEL_STORAGE_BLOB_ENDPOINT is not set (run azd provision first)}"
  : "${MODELS_CONTAINER_NAME:?MODELS_CONTAINER_NAME is not set (run azd provision first)}"

  if [ "${VNET_ENABLED:-false}" = true ] && [ -z "${MODEL_PUBLISH_IP_ADDRESSES:-}" ]; then
    echo "postprovision: the model store accepts no public traffic (VNET_ENABLED, no MODEL_PUBLISH_IP_ADDRESSES); models not published."
    echo "  To publish from here: azd env set MODEL_PUBLISH_IP_ADDRESSES <your public IP> && azd provision"
    return 0
  fi

  export AZURE_TOKEN_CREDENTIALS=AzureDeveloperCliCredential

  # 24 attempts 30 seconds apart: 11.5 minutes of waiting, past the 10 minutes a role assignment may take.
  attempts="${POSTPROVISION_ATTEMPTS:-24}"
  delay="${POSTPROVISION_RETRY_SECONDS:-30}"
  attempt=1
  until dotnet run --project tools/Training -- publish --service-uri "$MODEL_STORAGE_BLOB_ENDPOINT" --container "$MODELS_CONTAINER_NAME"; do
    if [ "$attempt" -ge "$attempts" ]; then
      echo "postprovision: publishing the models failed $attempts times" >&2
      return 1
    fi
    echo "postprovision: publish failed (attempt $attempt of $attempts); new role assignments can take up to 10 minutes to apply, retrying in ${delay}s"
    sleep "$delay"
    attempt=$((attempt + 1))
  done
  echo "postprovision: models published to ${MODEL_STORAGE_BLOB_ENDPOINT}${MODELS_CONTAINER_NAME}"
}

refresh_gateway_key() {
  named_value="$(arm_group)/providers/Microsoft.ApiManagement/service/$APIM_NAME/namedValues/gateway-key"
  arm_call GET "$named_value?api-version=2024-05-01"
  # The first provision gives the gateway the key itself; only a Key Vault named value has anything to refresh.
  if [ "$arm_status" != 200 ] || ! grep -q '"secretIdentifier"' "$work/response"; then
    return 0
  fi
  refresh_attempts="${POSTPROVISION_ATTEMPTS:-24}"
  refresh_delay="${POSTPROVISION_RETRY_SECONDS:-30}"
  refresh_attempt=1
  while :; do
    arm_call POST "$named_value/refreshSecret?api-version=2024-05-01"
    case "$arm_status" in
      200 | 202) echo "postprovision: API Management re-reads its gateway key from Key Vault"; return 0 ;;
    esac
    if [ "$refresh_attempt" -ge "$refresh_attempts" ]; then
      echo "postprovision: API Management could not re-read its gateway key: HTTP $arm_status $(cat "$work/response")" >&2
      return 1
    fi
    echo "postprovision: refreshing the gateway key answered HTTP $arm_status (attempt $refresh_attempt of $refresh_attempts; its role may still be applying), retrying in ${refresh_delay}s"
    sleep "$refresh_delay"
    refresh_attempt=$((refresh_attempt + 1))
  done
}

publish_models

if [ -n "${APIM_NAME:-}" ] || [ -n "${SERVICE_API_URI:-}" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  if [ -n "${APIM_NAME:-}" ] && [ -n "${AZURE_SUBSCRIPTION_ID:-}" ] && [ -n "${AZURE_RESOURCE_GROUP:-}" ]; then
    arm_sign_in
    refresh_gateway_key
  fi
  # On the first `azd up` the app has no code yet (its routes answer 404): the postdeploy hook waits for it instead.
  if [ -n "${SERVICE_API_URI:-}" ] && curl -fsS -o /dev/null --max-time 60 "$SERVICE_API_URI/api/openapi.json" 2>/dev/null; then
    wait_for_healthy_app
  fi
fi

if [ "${GATEWAY_KEY_ROTATION:-}" = finish ]; then
  echo "postprovision: key rotation, step 1 of 2 done: a new gateway key is in slot $( [ "${GATEWAY_KEY_SLOT:-a}" = a ] && echo b || echo a ) and the app accepts it beside the old one."
  echo "  Step 2 moves API Management to it: azd provision"
fi
