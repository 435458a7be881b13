#!/bin/sh
# azd postprovision hook: publishes models/ to the model store with the training tool, signed in as
# the deployer (az login / azd auth login; the tool uses DefaultAzureCredential). The deployer's
# Storage Blob Data Contributor on the models container was granted by this same provision, and a new
# role assignment can take a few minutes to apply, so a refused upload is retried.
set -eu

if [ ! -f models/manifest.json ]; then
  echo "postprovision: models/manifest.json not found; train the models, then run this hook again:"
  echo "  azd hooks run postprovision"
  exit 0
fi

: "${MODEL_STORAGE_BLOB_ENDPOINT:?MODEL_STORAGE_BLOB_ENDPOINT is not set (run azd provision first)}"
: "${MODELS_CONTAINER_NAME:?MODELS_CONTAINER_NAME is not set (run azd provision first)}"

attempts="${POSTPROVISION_ATTEMPTS:-6}"
delay="${POSTPROVISION_RETRY_SECONDS:-30}"
attempt=1
until dotnet run --project tools/Training -- publish --service-uri "$MODEL_STORAGE_BLOB_ENDPOINT" --container "$MODELS_CONTAINER_NAME"; do
  if [ "$attempt" -ge "$attempts" ]; then
    echo "postprovision: publishing the models failed $attempts times" >&2
    exit 1
  fi
  echo "postprovision: publish failed (attempt $attempt of $attempts); new role assignments can take minutes to apply, retrying in ${delay}s"
  sleep "$delay"
  attempt=$((attempt + 1))
done
echo "postprovision: models published to ${MODEL_STORAGE_BLOB_ENDPOINT}${MODELS_CONTAINER_NAME}"
