using HealthOracle.SiteBuilder;

// Builds the deployable site into a folder: every page rendered from the disease definitions by the app's own
// renderer (Functions/Site), the model cards from models/, the site's stylesheets, scripts and icon, config.js
// pointed at the API (and at its sign-in route), and the API reference's viewer from node_modules. A deployment runs
// it through scripts/build-site.sh, which reads the values from the deployment's outputs.
//
//   dotnet run --project tools/SiteBuilder -- <out-dir> [--api-base https://func-….azurewebsites.net] [--sign-in-path /.auth/login/aad] [--root <repo>] [--node-modules <dir>]
if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: SiteBuilder <out-dir> [--api-base <origin>] [--sign-in-path <path>] [--root <repository>] [--node-modules <dir>]");
    return 2;
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

var root = Option("--root") ?? SiteBuild.FindRoot(AppContext.BaseDirectory) ?? SiteBuild.FindRoot(Environment.CurrentDirectory)
    ?? throw new InvalidOperationException("The repository was not found: pass --root.");
var build = new SiteBuild(root, Path.GetFullPath(args[0]), Option("--api-base"), Option("--node-modules"), Option("--sign-in-path"));
if (build.Refusal() is { } refusal)
{
    Console.Error.WriteLine($"SiteBuilder: {refusal}");
    return 2;
}

var written = await build.WriteAsync();
Console.WriteLine($"site built in {build.Output}: {written} files, forms posting to {(build.ApiBase.Length == 0 ? "the site's own origin" : build.ApiBase)}");
return 0;
