#!/bin/sh
# azd predown hook: people's data is not deleted by accident. The people's storage account carries a
# CanNotDelete lock (PEOPLE_STORAGE_LOCK, on by default), which would make `azd down` fail; so
# this stops it first, says how to export everyone's data, and, once PEOPLE_STORAGE_LOCK is false, removes
# the lock so that `azd down` can delete everything. It calls Resource Manager with azd's credential.
set -eu
. "$(dirname "$0")/lib.sh"

lock_name="people-data-can-not-delete"

if [ -z "${PEOPLE_STORAGE_ACCOUNT_NAME:-}" ] || [ -z "${AZURE_RESOURCE_GROUP:-}" ] || [ -z "${AZURE_SUBSCRIPTION_ID:-}" ]; then
  echo "predown: nothing provisioned in this environment (no PEOPLE_STORAGE_ACCOUNT_NAME); nothing to unlock"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
arm_sign_in

lock_url="$(arm_group)/providers/Microsoft.Storage/storageAccounts/$PEOPLE_STORAGE_ACCOUNT_NAME/providers/Microsoft.Authorization/locks/$lock_name?api-version=2020-05-01"
arm_call GET "$lock_url"
case "$arm_status" in
  404)
    echo "predown: no lock on $PEOPLE_STORAGE_ACCOUNT_NAME"
    exit 0
    ;;
  200) ;;
  *)
    echo "predown: could not read the lock on $PEOPLE_STORAGE_ACCOUNT_NAME: HTTP $arm_status $(cat "$work/response")" >&2
    exit 1
    ;;
esac

if [ "${PEOPLE_STORAGE_LOCK:-true}" != false ]; then
  cat >&2 <<MSG
predown: $PEOPLE_STORAGE_ACCOUNT_NAME holds people's profiles and saved predictions, and is locked against deletion.
  azd down would delete them for good. First export them (infra/README.md, "Before azd down"), then:
    azd env set PEOPLE_STORAGE_LOCK false
    azd down
MSG
  exit 1
fi

arm_call DELETE "$lock_url"
case "$arm_status" in
  200 | 204) echo "predown: lock $lock_name removed from $PEOPLE_STORAGE_ACCOUNT_NAME (PEOPLE_STORAGE_LOCK=false)" ;;
  *)
    echo "predown: removing the lock failed: HTTP $arm_status $(cat "$work/response") (removing a lock needs Owner or User Access Administrator)" >&2
    exit 1
    ;;
esac
