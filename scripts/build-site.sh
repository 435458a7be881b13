#!/usr/bin/env bash
# Builds the site as a deployment serves it, into one folder, with tools/SiteBuilder (the one way the site is built:
# every page rendered from the disease definitions by the app's renderer):
#
#   bash scripts/build-site.sh <out-dir> [--api-base <origin>] [--sign-in-path <path>] [--no-build]
#
# This script only supplies the deployment's values: the API's origin and sign-in route come from the arguments or,
# as in azd's prepackage hook for service `web`, from the deployment's outputs in the environment (SERVICE_API_URI,
# or SITE_API_BASE for an API on a custom domain; SIGN_IN_PATH, where empty means the deployment has no sign-in).
# The folder then holds the pages, config.js naming that origin and route, every form's action on that origin (so the
# forms work with JavaScript off), the API reference's viewer from node_modules (never a CDN) and
# staticwebapp.config.json (site/). The site is built in a temporary folder and replaces <out-dir>'s contents only
# when the build succeeded. --no-build runs the SiteBuilder already built in Release (the tests, after the solution's
# build). Nothing under site/ is changed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { echo "usage: bash scripts/build-site.sh <out-dir> [--api-base <origin>] [--sign-in-path <path>] [--no-build]" >&2; exit 2; }

out=""
api_base="${SITE_API_BASE:-${SERVICE_API_URI:-}}"
sign_in_path="${SIGN_IN_PATH-/.auth/login/aad}"
# No apphost: the builder is built for linux-x64 (as the worker it renders with), and `dotnet exec` of its dll runs on
# any OS, where the Linux apphost would not start on Windows or macOS.
build=(--configuration Release -p:UseAppHost=false)
while [ $# -gt 0 ]; do
  case "$1" in
    --api-base) [ $# -ge 2 ] || usage; api_base="$2"; shift 2 ;;
    --sign-in-path) [ $# -ge 2 ] || usage; sign_in_path="$2"; shift 2 ;;
    --no-build) build+=(--no-build); shift ;;
    -*) usage ;;
    *) [ -z "$out" ] || usage; out="$1"; shift ;;
  esac
done
[ -n "$out" ] || usage

api_base="${api_base%/}"
if [ -z "$api_base" ]; then
  echo "build-site: no API origin: pass --api-base https://<app>.azurewebsites.net, or run it where SERVICE_API_URI is set (azd provision writes it)" >&2
  exit 2
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ "$out" = "$root" ] || [ "$out" = "$root/site" ] || [[ "$out" == "$root/site/css"* ]] || [[ "$out" == "$root/site/js"* ]]; then
  echo "build-site: refusing to build into $out" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stage="$work/site"

# SiteBuilder checks the values (an origin, a path: they are written into a JavaScript string and HTML attributes).
status=0
dotnet run --project "$root/tools/SiteBuilder/SiteBuilder.csproj" "${build[@]}" --verbosity quiet -- \
  "$stage" --root "$root" --api-base "$api_base" --sign-in-path "$sign_in_path" >"$work/log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  sed 's/^SiteBuilder: /build-site: /' "$work/log" >&2
  exit "$status"
fi

find "$out" -mindepth 1 -delete
(cd "$stage" && tar -cf - .) | (cd "$out" && tar -xf -)

echo "build-site: $out (API $api_base, sign-in ${sign_in_path:-none})"
