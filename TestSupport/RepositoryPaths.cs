namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>Where things are in the checkout the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Models => Path.Combine(Root, "models");

    /// <summary>The public data sets: <c>HEALTHORACLE_DATASETS</c>, else <c>../shared/datasets</c>.</summary>
    public static string Datasets =>
        Environment.GetEnvironmentVariable("HEALTHORACLE_DATASETS") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets"));

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
