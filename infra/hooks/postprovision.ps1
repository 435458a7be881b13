# azd postprovision hook: publishes models/ to the model store with the training tool, signed in with
# azd's own credential (`azd auth login`), never with whatever account the Azure CLI happens to hold:
# AZURE_TOKEN_CREDENTIALS narrows the tool's DefaultAzureCredential to AzureDeveloperCliCredential
# (Azure.Identity 1.15 and later). The deployer's Storage Blob Data Contributor on the models container
# was granted by this same provision, and a new role assignment can take up to 10 minutes to apply
# (learn.microsoft.com/azure/role-based-access-control/troubleshooting), so a refused upload is retried
# for longer than that; each attempt is a new process with a fresh token.
$ErrorActionPreference = 'Stop'

if (-not (Test-Path 'models/manifest.json')) {
    Write-Host 'postprovision: models/manifest.json not found; train the models, then run this hook again:'
    Write-Host '  azd hooks run postprovision'
    exit 0
}

foreach ($name in 'MODEL_STORAGE_BLOB_ENDPOINT', 'MODELS_CONTAINER_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        Write-Error "$name is not set (run azd provision first)"
        exit 1
    }
}

$env:AZURE_TOKEN_CREDENTIALS = 'AzureDeveloperCliCredential'

# 24 attempts 30 seconds apart: 11.5 minutes of waiting, past the 10 minutes a role assignment may take.
$attempts = if ($env:POSTPROVISION_ATTEMPTS) { [int]$env:POSTPROVISION_ATTEMPTS } else { 24 }
$delay = if ($env:POSTPROVISION_RETRY_SECONDS) { [int]$env:POSTPROVISION_RETRY_SECONDS } else { 30 }

for ($attempt = 1; ; $attempt++) {
    dotnet run --project tools/Training -- publish --service-uri "$env:MODEL_STORAGE_BLOB_ENDPOINT" --container "$env:MODELS_CONTAINER_NAME"
    if ($LASTEXITCODE -eq 0) { break }
    if ($attempt -ge $attempts) {
        Write-Error "postprovision: publishing the models failed $attempts times"
        exit 1
    }
    Write-Host "postprovision: publish failed (attempt $attempt of $attempts); new role assignments can take up to 10 minutes to apply, retrying in ${delay}s"
    Start-Sleep -Seconds $delay
}
Write-Host "postprovision: models published to $($env:MODEL_STORAGE_BLOB_ENDPOINT)$($env:MODELS_CONTAINER_NAME)"
