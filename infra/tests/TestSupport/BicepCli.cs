using System.Reflection;

namespace HealthOracle.Infra.Tests.TestSupport;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 NuGet package (its path is baked into this
/// assembly at build time), so CI needs no separate install. The CLI exits 0 on warnings: callers
/// must read what it printed.
/// </summary>
internal static class BicepCli
{
    public static string Path { get; } = Locate();

    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Path, arguments, InfraPaths.Infra);

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BicepPath").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException("the bicep CLI is not in the NuGet cache; run dotnet restore", path);
        }

        // NuGet does not always keep the executable bit when it extracts a package.
        const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | Execute);
        }

        return path;
    }
}
