using System.Diagnostics;

namespace HealthOracle.Functions.Tests.OpenApi;

/// <summary>Runs an outside tool (node and its scripts) to its end and answers its exit code and output; the caller judges them.</summary>
internal static class ToolProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string directory, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // Generous: the tools take minutes on a loaded machine; no test times them.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(20));
        return (process.ExitCode, await output, await error);
    }
}
