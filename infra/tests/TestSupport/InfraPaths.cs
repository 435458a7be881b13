namespace HealthOracle.Infra.Tests.TestSupport;

/// <summary>Where the infrastructure files are in the checkout the tests run from.</summary>
internal static class InfraPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainParameters => Path.Combine(Infra, "main.parameters.json");

    public static string AzureYaml => Path.Combine(Root, "azure.yaml");

    public static string PostProvisionHook => Path.Combine(Infra, "hooks", "postprovision.sh");

    public static string PostDeployHook => Path.Combine(Infra, "hooks", "postdeploy.sh");

    public static string PreDownHook => Path.Combine(Infra, "hooks", "predown.sh");

    public static string PostDownHook => Path.Combine(Infra, "hooks", "postdown.sh");

    public static string BuildSite => Path.Combine(Root, "scripts", "build-site.sh");

    /// <summary>Every .bicep file under infra/, relative to it, with forward slashes.</summary>
    public static IReadOnlyList<string> BicepFiles() =>
        Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Infra, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("tests/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HealthOracle.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HealthOracle.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
