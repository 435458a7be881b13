# azd postdeploy hook (Windows), as postdeploy.sh: imports the API into API Management from the OpenAPI
# document the just-deployed app serves (GET /api/openapi.json), sets APIM_IMPORT_FROM_APP so that every
# later `azd provision` imports from the app itself (infra/app/apim.bicep), waits until the app reports itself
# healthy (restarting it while its gateway key's Key Vault reference has not resolved), then runs the smoke
# test (scripts/smoke.mjs; POSTDEPLOY_SMOKE=false skips it).
# It calls Azure Resource Manager with azd's own credential (`azd auth token`), not the Azure CLI's.
$ErrorActionPreference = 'Stop'

foreach ($name in 'SERVICE_API_URI', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        Write-Error "$name is not set (run azd provision first)"
        exit 1
    }
}

$apiPath = if ($null -ne $env:APIM_API_PATH) { $env:APIM_API_PATH } else { 'api' }
$arm = if ($env:AZURE_RESOURCE_MANAGER_ENDPOINT) { $env:AZURE_RESOURCE_MANAGER_ENDPOINT } else { 'https://management.azure.com' }
$document = "$($env:SERVICE_API_URI)/api/openapi.json"
$backend = if ($apiPath) { "$($env:SERVICE_API_URI)/$apiPath" } else { $env:SERVICE_API_URI }
$attempts = if ($env:POSTDEPLOY_ATTEMPTS) { [int]$env:POSTDEPLOY_ATTEMPTS } else { 20 }
$delay = if ($env:POSTDEPLOY_RETRY_SECONDS) { [int]$env:POSTDEPLOY_RETRY_SECONDS } else { 15 }

# The package was just swapped in: the first requests meet a cold start.
for ($attempt = 1; ; $attempt++) {
    try {
        Invoke-WebRequest -Uri $document -Method Get -TimeoutSec 60 -UseBasicParsing | Out-Null
        break
    } catch {
        if ($attempt -ge $attempts) {
            Write-Error "postdeploy: $document did not answer 200 after $attempts attempts; nothing imported (run: azd hooks run postdeploy)"
            exit 1
        }
        Write-Host "postdeploy: waiting for $document (attempt $attempt of $attempts), retrying in ${delay}s"
        Start-Sleep -Seconds $delay
    }
}

$token = (azd auth token --output json --no-prompt --scope 'https://management.azure.com/.default' | ConvertFrom-Json).token
if (-not $token) {
    Write-Error 'postdeploy: azd auth token gave no token; sign in with azd auth login'
    exit 1
}
$headers = @{ Authorization = "Bearer $token" }
$group = "$arm/subscriptions/$($env:AZURE_SUBSCRIPTION_ID)/resourceGroups/$($env:AZURE_RESOURCE_GROUP)"

if (-not $env:APIM_NAME) {
    Write-Host 'postdeploy: API Management is not deployed (DEPLOY_API_MANAGEMENT=false); nothing to import'
} else {
    if (-not $env:APIM_API_ID) {
        Write-Error 'APIM_API_ID is not set (run azd provision first)'
        exit 1
    }
    $apiUrl = "$arm/subscriptions/$($env:AZURE_SUBSCRIPTION_ID)/resourceGroups/$($env:AZURE_RESOURCE_GROUP)/providers/Microsoft.ApiManagement/service/$($env:APIM_NAME)/apis/$($env:APIM_API_ID)?api-version=2024-05-01"
    $body = @{
        properties = @{
            format = 'openapi+json-link'
            value = $document
            path = $apiPath
            serviceUrl = $backend
            protocols = @('https')
            apiType = 'http'
            subscriptionRequired = $true
            subscriptionKeyParameterNames = @{ header = 'Ocp-Apim-Subscription-Key'; query = 'subscription-key' }
            displayName = 'HealthOracle'
        }
    } | ConvertTo-Json -Depth 5

    $response = Invoke-WebRequest -Uri $apiUrl -Method Put -Headers $headers -ContentType 'application/json' -Body $body -UseBasicParsing -SkipHttpErrorCheck
    # A long import answers 202 with a Location to poll until it answers 200.
    for ($polls = 0; $response.StatusCode -eq 202; $polls++) {
        $location = $response.Headers['Location'] | Select-Object -First 1
        if (-not $location -or $polls -ge $attempts) {
            Write-Error 'postdeploy: the import was accepted but did not finish; see the API in the portal'
            exit 1
        }
        Start-Sleep -Seconds 5
        $response = Invoke-WebRequest -Uri $location -Method Get -Headers $headers -UseBasicParsing -SkipHttpErrorCheck
    }
    if ($response.StatusCode -notin 200, 201) {
        Write-Error "postdeploy: importing $document into $($env:APIM_NAME) failed: HTTP $($response.StatusCode) $($response.Content)"
        exit 1
    }

    azd env set APIM_IMPORT_FROM_APP true
    Write-Host "postdeploy: API $($env:APIM_API_ID) imported into $($env:APIM_NAME) from $document"
}

# Wait until the app reports itself healthy; while it cannot read its gateway key (a role minutes old), restart it.
$healthAttempts = if ($env:HEALTH_ATTEMPTS) { [int]$env:HEALTH_ATTEMPTS } else { 24 }
$healthDelay = if ($env:HEALTH_RETRY_SECONDS) { [int]$env:HEALTH_RETRY_SECONDS } else { 30 }
for ($attempt = 1; ; $attempt++) {
    $health = $null
    try { $health = Invoke-WebRequest -Uri "$($env:SERVICE_API_URI)/api/health" -TimeoutSec 60 -UseBasicParsing -SkipHttpErrorCheck } catch { }
    if ($health -and $health.StatusCode -eq 200 -and $health.Content -match '"status":"ok"') {
        Write-Host 'postdeploy: the app reports itself healthy'
        break
    }
    $gatewayProblem = $health -and $health.StatusCode -eq 200 -and $health.Content -match 'gateway: required but not configured'
    if ($health -and $health.StatusCode -eq 200 -and -not $gatewayProblem) {
        Write-Error "postdeploy: the app is degraded: $($health.Content)"
        exit 1
    }
    if ($attempt -ge $healthAttempts) {
        Write-Error "postdeploy: the app did not report itself healthy after $healthAttempts attempts; see $($env:SERVICE_API_URI)/api/health"
        exit 1
    }
    if ($gatewayProblem -and ($attempt % 4) -eq 1) {
        Write-Host 'postdeploy: the app cannot read its gateway key yet; restarting it so that it reads its Key Vault references again'
        Invoke-WebRequest -Uri "$group/providers/Microsoft.Web/sites/$($env:AZURE_FUNCTION_APP_NAME)/restart?api-version=2024-11-01" -Method Post -Headers $headers -Body '' -UseBasicParsing -SkipHttpErrorCheck | Out-Null
    }
    Start-Sleep -Seconds $healthDelay
}

if ($env:POSTDEPLOY_SMOKE -eq 'false') {
    Write-Host 'postdeploy: smoke test skipped (POSTDEPLOY_SMOKE=false)'
    exit 0
}
if ($env:APIM_NAME -and $env:APIM_GATEWAY_URL -and -not $env:SMOKE_GATEWAY_URL) {
    $env:SMOKE_GATEWAY_URL = if ($apiPath) { "$($env:APIM_GATEWAY_URL)/$apiPath" } else { $env:APIM_GATEWAY_URL }
}
# The API as the site calls it: a custom domain (SITE_API_BASE) where one is set.
$api = if ($env:SITE_API_BASE) { $env:SITE_API_BASE } else { $env:SERVICE_API_URI }
$smokeArgs = @('scripts/smoke.mjs', $api)
if ($env:SITE_URI) { $smokeArgs += $env:SITE_URI }
node @smokeArgs
exit $LASTEXITCODE
