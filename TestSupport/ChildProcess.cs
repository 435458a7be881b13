using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>Stopping a server the tests started, the way a person at a terminal would.</summary>
public static class ChildProcess
{
    private const int SigTerm = 15;

    /// <summary>
    /// SIGTERM (a graceful stop, as Ctrl+C, but never ignored by a background shell), then after
    /// <paramref name="grace"/> a kill of the whole process tree.
    /// </summary>
    public static async Task StopGracefullyAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        _ = SendSignal(process.Id, SigTerm);
        using var deadline = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
