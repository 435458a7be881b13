#!/bin/sh
# azd postprovision hook: publishes models/ to the model store with the training tool, signed in with
# azd's own credential (`azd auth login`), never with whatever account the Azure CLI happens to hold:
# AZURE_TOKEN_CREDENTIALS narrows the tool's DefaultAzureCredential to AzureDeveloperCliCredential
# (Azure.Identity 1.15 and later). The deployer's Storage Blob Data Contributor on the models container
# was granted by this same provision, and a new role assignment can take up to 10 minutes to apply
# (learn.microsoft.com/azure/role-based-access-control/troubleshooting), so a refused upload is retried
# for longer than that; each attempt is a new process with a fresh token.
set -eu

if [ ! -f models/manifest.json ]; then
  echo "postprovision: models/manifest.json not found; train the models, then run this hook again:"
  echo "  azd hooks run postprovision"
  exit 0
fi

: "${MODEL_STORAGE_BLOB_ENDPOINT:?MODEL_STORAGE_BLOB_ENDPOINT is not set (run azd provision first)}"
: "${MODELS_CONTAINER_NAME:?MODELS_CONTAINER_NAME is not set (run azd provision first)}"

export AZURE_TOKEN_CREDENTIALS=AzureDeveloperCliCredential

# 24 attempts 30 seconds apart: 11.5 minutes of waiting, past the 10 minutes a role assignment may take.
attempts="${POSTPROVISION_ATTEMPTS:-24}"
delay="${POSTPROVISION_RETRY_SECONDS:-30}"
attempt=1
until dotnet run --project tools/Training -- publish --service-uri "$MODEL_STORAGE_BLOB_ENDPOINT" --container "$MODELS_CONTAINER_NAME"; do
  if [ "$attempt" -ge "$attempts" ]; then
    echo "postprovision: publishing the models failed $attempts times" >&2
    exit 1
  fi
  echo "postprovision: publish failed (attempt $attempt of $attempts); new role assignments can take up to 10 minutes to apply, retrying in ${delay}s"
  sleep "$delay"
  attempt=$((attempt + 1))
done
echo "postprovision: models published to ${MODEL_STORAGE_BLOB_ENDPOINT}${MODELS_CONTAINER_NAME}"
