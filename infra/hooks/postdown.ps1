# azd postdown hook (Windows): resets the environment values that describe resources which no longer exist,
# so that the next `azd up` in the same environment starts as the first did. See postdown.sh for each value.
# Empty values use azd's KEY= form: PowerShell before 7.3 drops an empty argument to a program.
$ErrorActionPreference = 'Stop'

azd env set GATEWAY_KEY_IN_KEY_VAULT false
azd env set GATEWAY_KEY_SLOT a
azd env set 'GATEWAY_KEY_ROTATION='
azd env set APIM_IMPORT_FROM_APP false
azd env set 'BUDGET_START_DATE='
Write-Host 'postdown: environment reset for the next azd up (gateway key, API import, budget start)'
