# Sourced by the posix hooks (not run on its own). Calls to Azure Resource Manager signed in with azd's own
# credential (`azd auth token`), never the Azure CLI's; the token goes to curl in a header file, so it is
# never on a command line. The callers set `work` to a private temporary folder first.

arm="${AZURE_RESOURCE_MANAGER_ENDPOINT:-https://management.azure.com}"

# Writes $work/auth (the Authorization header); fails when azd has no sign-in.
arm_sign_in() {
  azd auth token --output json --no-prompt --scope "https://management.azure.com/.default" > "$work/token.json"
  arm_token=$(sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/token.json")
  rm -f "$work/token.json"
  if [ -z "$arm_token" ]; then
    echo "azd auth token gave no token; sign in with azd auth login" >&2
    return 1
  fi
  (umask 077 && printf 'Authorization: Bearer %s\n' "$arm_token" > "$work/auth")
  unset arm_token
}

# arm_call METHOD URL [BODY_FILE]: sets arm_status; the answer's body is in $work/response, its headers in $work/headers.
arm_call() {
  if [ -n "${3:-}" ]; then
    arm_status=$(curl -sS -o "$work/response" -D "$work/headers" -w '%{http_code}' -X "$1" -H @"$work/auth" -H 'Content-Type: application/json' --data-binary @"$3" "$2") || arm_status=000
  elif [ "$1" = POST ]; then
    arm_status=$(curl -sS -o "$work/response" -D "$work/headers" -w '%{http_code}' -X POST -H @"$work/auth" --data-binary '' "$2") || arm_status=000
  else
    arm_status=$(curl -sS -o "$work/response" -D "$work/headers" -w '%{http_code}' -X "$1" -H @"$work/auth" "$2") || arm_status=000
  fi
}

# The resource group's URL in Resource Manager.
arm_group() {
  printf '%s/subscriptions/%s/resourceGroups/%s' "$arm" "$AZURE_SUBSCRIPTION_ID" "$AZURE_RESOURCE_GROUP"
}

# Waits until the app's /api/health answers ok. While it says the gateway is not configured (its Key Vault
# references did not resolve: the app's role on the secrets was granted moments ago and can take minutes to
# apply), the app is restarted every few attempts so that it reads them again. Any other problem fails at once:
# waiting would not fix it. Needs SERVICE_API_URI, and arm_sign_in done for the restarts.
wait_for_healthy_app() {
  health_attempts="${HEALTH_ATTEMPTS:-24}"
  health_delay="${HEALTH_RETRY_SECONDS:-30}"
  health_attempt=1
  while :; do
    health_status=$(curl -sS -o "$work/health" -w '%{http_code}' --max-time 60 "$SERVICE_API_URI/api/health" 2>/dev/null) || health_status=000
    if [ "$health_status" = 200 ] && grep -q '"status":"ok"' "$work/health"; then
      echo "the app reports itself healthy ($SERVICE_API_URI/api/health)"
      return 0
    fi
    gateway_problem=false
    if [ "$health_status" = 200 ]; then
      if grep -q 'gateway: required but not configured' "$work/health"; then
        gateway_problem=true
      else
        echo "the app is degraded: $(cat "$work/health")" >&2
        return 1
      fi
    fi
    if [ "$health_attempt" -ge "$health_attempts" ]; then
      echo "the app did not report itself healthy after $health_attempts attempts (last answer: HTTP $health_status $(cat "$work/health" 2>/dev/null))" >&2
      return 1
    fi
    if [ "$gateway_problem" = true ] && [ $((health_attempt % 4)) -eq 1 ]; then
      echo "the app cannot read its gateway key yet (a new role can take up to 10 minutes to apply); restarting it so that it reads its Key Vault references again"
      arm_call POST "$(arm_group)/providers/Microsoft.Web/sites/$AZURE_FUNCTION_APP_NAME/restart?api-version=2024-11-01"
    else
      echo "waiting for $SERVICE_API_URI/api/health (attempt $health_attempt of $health_attempts, HTTP $health_status), retrying in ${health_delay}s"
    fi
    sleep "$health_delay"
    health_attempt=$((health_attempt + 1))
  done
}
