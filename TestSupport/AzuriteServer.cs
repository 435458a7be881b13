using System.Diagnostics;
using System.Net.Sockets;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>
/// A real Azurite blob service (the project's pinned npm copy), on a free loopback port, with its data
/// in a temporary folder so that it survives <see cref="StopAsync"/> and <see cref="StartAsync"/>: the
/// storage-down tests stop it and start it again on the same ports. With <c>tables: true</c> Azurite's
/// table service runs beside it (its own process, same data folder) and the connection string names both.
/// </summary>
public sealed class AzuriteServer(bool tables = false) : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(120);

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("azurite-").FullName;
    private Process? _process;
    private Process? _tableProcess;

    public int Port { get; } = FreePort.Next();

    /// <summary>The table service's port (only listening with <c>tables: true</c>).</summary>
    public int TablePort { get; } = tables ? FreePort.Next() : 0;

    public bool HasTables => tables;

    public Uri BlobEndpoint => new($"http://127.0.0.1:{Port}/{AccountName}");

    public Uri TableEndpoint => tables ? new($"http://127.0.0.1:{TablePort}/{AccountName}") : throw new InvalidOperationException("This Azurite was started without tables.");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};"
        + (tables ? $"TableEndpoint={TableEndpoint};" : "");

    public bool IsRunning => _process is { HasExited: false } && (!tables || _tableProcess is { HasExited: false });

    public async Task StartAsync()
    {
        if (_process is not { HasExited: false })
        {
            _process = await LaunchAsync("blob", Port);
        }

        if (tables && _tableProcess is not { HasExited: false })
        {
            _tableProcess = await LaunchAsync("table", TablePort);
        }
    }

    /// <summary>Stops the table service alone (the blob service, and so the models, stay up); <see cref="StartAsync"/> brings it back.</summary>
    public async Task StopTablesAsync()
    {
        await StopAsync(_tableProcess, ChildProcess.SigInt);
        _tableProcess = null;
    }

    public async Task StopAsync()
    {
        await StopTablesAsync();
        if (_process is { HasExited: false })
        {
            // A paused Azurite would not see SIGTERM.
            await ResumeAsync();
        }

        await StopAsync(_process, ChildProcess.SigTerm);
        _process = null;
    }

    /// <summary>
    /// Stalls the blob store (SIGSTOP): connections are still accepted by the kernel but nothing answers, as with a
    /// storage account that hangs. <see cref="ResumeAsync"/> lets it go on (SIGCONT).
    /// </summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    public Task ResumeAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("Azurite is not running.");
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync();
    }

    // A graceful stop lets Azurite flush its metadata database; SIGKILL would lose recent writes. The blob
    // service stops so on SIGTERM; the table service listens for SIGINT only (SIGTERM would drop its data).
    private static async Task StopAsync(Process? process, int signal)
    {
        if (process is null)
        {
            return;
        }

        await ChildProcess.StopGracefullyAsync(process, TimeSpan.FromSeconds(10), signal);
        process.Dispose();
    }

    private async Task<Process> LaunchAsync(string service, int port)
    {
        var main = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite", "dist", "src", service, "main.js");
        if (!File.Exists(main))
        {
            throw new InvalidOperationException($"Azurite is not installed at {main}: run 'npm ci' in the repository root (scripts/test.sh does).");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                main, $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(), "--location", _dataFolder,
                "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--loose",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Node loads Azurite in about a second on an idle machine; at a load average of 40 on two cores it took over
        // 30 s. A process that dies is reported at once, so the bound only has to be far past the slowest start.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite's {service} service exited with code {process.ExitCode} on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return process;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"Azurite's {service} service did not listen on port {port} within {StartupTimeout.TotalSeconds:0} s.");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
