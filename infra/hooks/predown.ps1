# azd predown hook (Windows): people's data is not deleted by accident. See predown.sh: while the people's
# storage account is locked and PEOPLE_STORAGE_LOCK is not false, `azd down` stops here; once it is false,
# the lock is removed so that `azd down` can delete everything.
$ErrorActionPreference = 'Stop'

$lockName = 'people-data-can-not-delete'
if (-not $env:PEOPLE_STORAGE_ACCOUNT_NAME -or -not $env:AZURE_RESOURCE_GROUP -or -not $env:AZURE_SUBSCRIPTION_ID) {
    Write-Host 'predown: nothing provisioned in this environment (no PEOPLE_STORAGE_ACCOUNT_NAME); nothing to unlock'
    exit 0
}

$arm = if ($env:AZURE_RESOURCE_MANAGER_ENDPOINT) { $env:AZURE_RESOURCE_MANAGER_ENDPOINT } else { 'https://management.azure.com' }
$token = (azd auth token --output json --no-prompt --scope 'https://management.azure.com/.default' | ConvertFrom-Json).token
if (-not $token) {
    Write-Error 'predown: azd auth token gave no token; sign in with azd auth login'
    exit 1
}
$headers = @{ Authorization = "Bearer $token" }
$lockUrl = "$arm/subscriptions/$($env:AZURE_SUBSCRIPTION_ID)/resourceGroups/$($env:AZURE_RESOURCE_GROUP)/providers/Microsoft.Storage/storageAccounts/$($env:PEOPLE_STORAGE_ACCOUNT_NAME)/providers/Microsoft.Authorization/locks/$($lockName)?api-version=2020-05-01"

$lock = Invoke-WebRequest -Uri $lockUrl -Method Get -Headers $headers -UseBasicParsing -SkipHttpErrorCheck
if ($lock.StatusCode -eq 404) {
    Write-Host "predown: no lock on $($env:PEOPLE_STORAGE_ACCOUNT_NAME)"
    exit 0
}
if ($lock.StatusCode -ne 200) {
    Write-Error "predown: could not read the lock on $($env:PEOPLE_STORAGE_ACCOUNT_NAME): HTTP $($lock.StatusCode) $($lock.Content)"
    exit 1
}
if ($env:PEOPLE_STORAGE_LOCK -ne 'false') {
    Write-Error ("predown: $($env:PEOPLE_STORAGE_ACCOUNT_NAME) holds people's profiles and saved predictions, and is locked against deletion. " +
        'azd down would delete them for good. First export them (infra/README.md, "Before azd down"), then: azd env set PEOPLE_STORAGE_LOCK false; azd down')
    exit 1
}

$removed = Invoke-WebRequest -Uri $lockUrl -Method Delete -Headers $headers -UseBasicParsing -SkipHttpErrorCheck
if ($removed.StatusCode -notin 200, 204) {
    Write-Error "predown: removing the lock failed: HTTP $($removed.StatusCode) $($removed.Content) (removing a lock needs Owner or User Access Administrator)"
    exit 1
}
Write-Host "predown: lock $lockName removed from $($env:PEOPLE_STORAGE_ACCOUNT_NAME) (PEOPLE_STORAGE_LOCK=false)"
