#!/usr/bin/env bash
# Builds the site as a deployment serves it, into one folder:
#
#   bash scripts/build-site.sh <out-dir> [--api-base <origin>] [--sign-in-path <path>]
#
# The folder holds the pages, config.js naming the API's origin and sign-in route, the forms' actions pointed
# at that API (so they work with JavaScript off), the API reference's viewer (Swagger UI, from node_modules,
# never a CDN) and staticwebapp.config.json. The API's origin and sign-in route come from the arguments or,
# as in azd's prepackage hook, from the deployment's outputs in the environment (SERVICE_API_URI, or SITE_API_BASE
# for an API on a custom domain; SIGN_IN_PATH, where empty means the deployment has no sign-in). Nothing under
# site/ is changed.
#
# This is the interface the deployment relies on (azure.yaml, service web); how the pages are made behind it
# may change. Today the pages are committed and only their forms are re-pointed (render-pages.mjs --rebase).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { echo "usage: bash scripts/build-site.sh <out-dir> [--api-base <origin>] [--sign-in-path <path>]" >&2; exit 2; }

out=""
api_base="${SITE_API_BASE:-${SERVICE_API_URI:-}}"
sign_in_path="${SIGN_IN_PATH-/.auth/login/aad}"
while [ $# -gt 0 ]; do
  case "$1" in
    --api-base) [ $# -ge 2 ] || usage; api_base="$2"; shift 2 ;;
    --sign-in-path) [ $# -ge 2 ] || usage; sign_in_path="$2"; shift 2 ;;
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
# Both values end up inside a JavaScript string and HTML attributes: only the characters an origin and a path use.
if ! [[ "$api_base" =~ ^https?://[A-Za-z0-9.-]+(:[0-9]+)?$ ]]; then
  echo "build-site: the API base must be an origin such as https://func-api-abc.azurewebsites.net (no path), not '$api_base'" >&2
  exit 2
fi
if ! [[ "$sign_in_path" =~ ^(/[A-Za-z0-9._~/-]*)?$ ]]; then
  echo "build-site: the sign-in path must be empty or a path such as /.auth/login/aad, not '$sign_in_path'" >&2
  exit 2
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ "$out" = "$root" ] || [ "$out" = "$root/site" ] || [ "$out" = "$root/site/js" ]; then
  echo "build-site: refusing to build into $out" >&2
  exit 2
fi
# An output folder inside site/ (azd's dist) is not part of the copy.
skip_out=()
case "$out" in "$root/site/"*) skip_out=(--exclude="./${out#"$root/site/"}") ;; esac

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

# A copy of site/ to work on (without an earlier build inside it, or a local viewer copy).
mkdir -p "$stage/site"
(cd "$root/site" && tar --exclude=./vendor "${skip_out[@]}" -cf - .) | (cd "$stage/site" && tar -xf -)

cat > "$stage/site/config.js" <<JS
// Written by scripts/build-site.sh for this deployment: where the API lives (its origin, no trailing slash)
// and the route that signs a person in on it (empty: this deployment has no sign-in).
export const apiBase = "$api_base";
export const signInPath = "$sign_in_path";
JS

# The forms work with JavaScript off too: their actions name the API's origin.
node "$stage/site/tools/render-pages.mjs" --rebase >/dev/null
# The API reference's viewer, from the pinned npm package.
node "$stage/site/tools/vendor.mjs" --node-modules "$root/node_modules" >/dev/null

# What a browser is served: everything but the build tools and the folder's own notes.
find "$out" -mindepth 1 -delete
(cd "$stage/site" && tar --exclude=./tools --exclude=./README.md --exclude=./package.json -cf - .) | (cd "$out" && tar -xf -)

# Static Web Apps settings: headers for every file it serves.
cat > "$out/staticwebapp.config.json" <<'JSON'
{
  "globalHeaders": {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY"
  }
}
JSON

echo "build-site: $out (API $api_base, sign-in ${sign_in_path:-none})"
