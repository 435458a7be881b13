# azd postprovision hook: publishes models/ to the model store with the training tool, signed in as
# the deployer (az login / azd auth login; the tool uses DefaultAzureCredential). The deployer's
# Storage Blob Data Contributor on the models container was granted by this same provision, and a new
# role assignment can take a few minutes to apply, so a refused upload is retried.
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

$attempts = if ($env:POSTPROVISION_ATTEMPTS) { [int]$env:POSTPROVISION_ATTEMPTS } else { 6 }
$delay = if ($env:POSTPROVISION_RETRY_SECONDS) { [int]$env:POSTPROVISION_RETRY_SECONDS } else { 30 }

for ($attempt = 1; ; $attempt++) {
    dotnet run --project tools/Training -- publish --service-uri "$env:MODEL_STORAGE_BLOB_ENDPOINT" --container "$env:MODELS_CONTAINER_NAME"
    if ($LASTEXITCODE -eq 0) { break }
    if ($attempt -ge $attempts) {
        Write-Error "postprovision: publishing the models failed $attempts times"
        exit 1
    }
    Write-Host "postprovision: publish failed (attempt $attempt of $attempts); new role assignments can take minutes to apply, retrying in ${delay}s"
    Start-Sleep -Seconds $delay
}
Write-Host "postprovision: models published to $($env:MODEL_STORAGE_BLOB_ENDPOINT)$($env:MODELS_CONTAINER_NAME)"
