// The one place the site learns where the API lives: its origin, with no trailing slash.
//
// The default is the local app as `bash scripts/run.sh` starts it: the API on 127.0.0.1:7071 and this
// site on 127.0.0.1:5173 (its origin is in Host.CORS in local.settings.json). In Azure, put the
// function app's origin here (e.g. "https://func-abc123.azurewebsites.net"; the Static Web App's origin
// is in the app's CORS), or "" when the site is served from the API's own origin.
//
// The forms also work with JavaScript off, and then they cannot read this file: the site's builder writes their
// action attributes with this value (or with its --api-base, which it also writes here in the built copy):
//   dotnet run --project tools/SiteBuilder -- <out-dir> [--api-base <origin>]
export const apiBase = "http://127.0.0.1:7071";

// The route on the API's origin that signs a person in (App Service Authentication; DevHost plays it); empty where
// the deployment has no sign-in. The builder's --sign-in-path writes it in the built copy, as --api-base does apiBase.
export const signInPath = "/.auth/login/aad";
