# azd postprovision hook (Windows), as postprovision.sh:
# 1. publishes models/ to the model store with the training tool, signed in with azd's own credential
#    (AZURE_TOKEN_CREDENTIALS=AzureDeveloperCliCredential), retrying for longer than the 10 minutes a new
#    role assignment may take to apply;
# 2. where the gateway reads its key from Key Vault, asks API Management to read it again now, retrying while
#    its role may still be applying; where the app already runs code, waits until it reports itself healthy;
# 3. says what a key rotation needs next.
$ErrorActionPreference = 'Stop'

$attempts = if ($env:POSTPROVISION_ATTEMPTS) { [int]$env:POSTPROVISION_ATTEMPTS } else { 24 }
$delay = if ($env:POSTPROVISION_RETRY_SECONDS) { [int]$env:POSTPROVISION_RETRY_SECONDS } else { 30 }

function Publish-Models {
    if (-not (Test-Path 'models/manifest.json')) {
        Write-Host 'postprovision: models/manifest.json not found; train the models, then run this hook again:'
        Write-Host '  azd hooks run postprovision'
        return
    }
    foreach ($name in 'MODEL_STORAGE_BLOB_ENDPOINT', 'MODELS_CONTAINER_NAME') {
        if (-not [Environment]::GetEnvironmentVariable($name)) {
            throw "$name is not set (run azd provision first)"
        }
    }
    if ($env:VNET_ENABLED -eq 'true' -and -not $env:MODEL_PUBLISH_IP_ADDRESSES) {
        Write-Host 'postprovision: the model store accepts no public traffic (VNET_ENABLED, no MODEL_PUBLISH_IP_ADDRESSES); models not published.'
        Write-Host '  To publish from here: azd env set MODEL_PUBLISH_IP_ADDRESSES <your public IP>; azd provision'
        return
    }

    $env:AZURE_TOKEN_CREDENTIALS = 'AzureDeveloperCliCredential'
    for ($attempt = 1; ; $attempt++) {
        dotnet run --project tools/Training -- publish --service-uri "$env:MODEL_STORAGE_BLOB_ENDPOINT" --container "$env:MODELS_CONTAINER_NAME"
        if ($LASTEXITCODE -eq 0) { break }
        if ($attempt -ge $attempts) {
            throw "postprovision: publishing the models failed $attempts times"
        }
        Write-Host "postprovision: publish failed (attempt $attempt of $attempts); new role assignments can take up to 10 minutes to apply, retrying in ${delay}s"
        Start-Sleep -Seconds $delay
    }
    Write-Host "postprovision: models published to $($env:MODEL_STORAGE_BLOB_ENDPOINT)$($env:MODELS_CONTAINER_NAME)"
}

Publish-Models

$arm = if ($env:AZURE_RESOURCE_MANAGER_ENDPOINT) { $env:AZURE_RESOURCE_MANAGER_ENDPOINT } else { 'https://management.azure.com' }
if ($env:APIM_NAME -and $env:AZURE_SUBSCRIPTION_ID -and $env:AZURE_RESOURCE_GROUP) {
    $token = (azd auth token --output json --no-prompt --scope 'https://management.azure.com/.default' | ConvertFrom-Json).token
    if (-not $token) { throw 'postprovision: azd auth token gave no token; sign in with azd auth login' }
    $headers = @{ Authorization = "Bearer $token" }
    $namedValue = "$arm/subscriptions/$($env:AZURE_SUBSCRIPTION_ID)/resourceGroups/$($env:AZURE_RESOURCE_GROUP)/providers/Microsoft.ApiManagement/service/$($env:APIM_NAME)/namedValues/gateway-key"
    $current = Invoke-WebRequest -Uri "$($namedValue)?api-version=2024-05-01" -Headers $headers -UseBasicParsing -SkipHttpErrorCheck
    # The first provision gives the gateway the key itself; only a Key Vault named value has anything to refresh.
    if ($current.StatusCode -eq 200 -and $current.Content -match '"secretIdentifier"') {
        for ($attempt = 1; ; $attempt++) {
            $refresh = Invoke-WebRequest -Uri "$namedValue/refreshSecret?api-version=2024-05-01" -Method Post -Headers $headers -Body '' -UseBasicParsing -SkipHttpErrorCheck
            if ($refresh.StatusCode -in 200, 202) {
                Write-Host 'postprovision: API Management re-reads its gateway key from Key Vault'
                break
            }
            if ($attempt -ge $attempts) {
                throw "postprovision: API Management could not re-read its gateway key: HTTP $($refresh.StatusCode) $($refresh.Content)"
            }
            Write-Host "postprovision: refreshing the gateway key answered HTTP $($refresh.StatusCode) (attempt $attempt of $attempts; its role may still be applying), retrying in ${delay}s"
            Start-Sleep -Seconds $delay
        }
    }
}

if ($env:GATEWAY_KEY_ROTATION -eq 'finish') {
    $next = if ($env:GATEWAY_KEY_SLOT -eq 'b') { 'a' } else { 'b' }
    Write-Host "postprovision: key rotation, step 1 of 2 done: a new gateway key is in slot $next and the app accepts it beside the old one."
    Write-Host '  Step 2 moves API Management to it: azd provision'
}
