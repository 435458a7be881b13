using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>Stopping a server the tests started, the way a person at a terminal would.</summary>
public static class ChildProcess
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    /// <summary>
    /// SIGTERM (a graceful stop, as Ctrl+C, but never ignored by a background shell), then after
    /// <paramref name="grace"/> a kill of the whole process tree. <paramref name="signal"/> for a server
    /// that stops gracefully only on another (Azurite's table service saves its data on SIGINT alone).
    /// </summary>
    public static async Task StopGracefullyAsync(Process process, TimeSpan grace, int signal = SigTerm)
    {
        if (process.HasExited)
        {
            return;
        }

        _ = SendSignal(process.Id, signal);
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
