#!/bin/sh
# azd postdown hook: the environment keeps values that describe resources which no longer exist, and the next
# `azd up` in the same environment would act on them: no gateway key would be written into the new vault
# (GATEWAY_KEY_IN_KEY_VAULT), provisioning would import the API from an app with no code yet
# (APIM_IMPORT_FROM_APP), a new budget would start in a past month, which Azure refuses (BUDGET_START_DATE),
# and a half-done key rotation would carry over. Reset, they make the next `azd up` start as the first did.
set -eu

azd env set GATEWAY_KEY_IN_KEY_VAULT false
azd env set GATEWAY_KEY_SLOT a
azd env set GATEWAY_KEY_ROTATION ""
azd env set APIM_IMPORT_FROM_APP false
azd env set BUDGET_START_DATE ""
echo "postdown: environment reset for the next azd up (gateway key, API import, budget start)"
