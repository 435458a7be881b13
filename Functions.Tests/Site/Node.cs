using System.Diagnostics;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>Runs the site's node tools (the page generator), failing with their output when they fail.</summary>
internal static class Node
{
    public static async Task<(int ExitCode, string Output)> TryRunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public static async Task RunAsync(string workingDirectory, params string[] arguments)
    {
        var (exitCode, output) = await TryRunAsync(workingDirectory, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"node {string.Join(' ', arguments)} exited with {exitCode}: {output}");
        }
    }
}
