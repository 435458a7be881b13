using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>
/// The real app as a caller meets it: tools/DevHost running the worker that the test project's build
/// published beside the tests (<c>worker/</c>, see TestSupport/PublishWorker.targets), on a free
/// loopback port, with the given <c>local.settings.json</c> Values. Optionally serves a static folder
/// (the site) on a second free port. Output lines are kept for assertions on logs.
/// </summary>
public sealed class DevHostServer : IAsyncDisposable
{
    public const string MasterKey = "e2e-master-key";
    public const string FunctionKey = "e2e-function-key";

    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _settingsFolder = Directory.CreateTempSubdirectory("devhost-").FullName;
    private readonly Dictionary<string, string> _values;
    private readonly string _cors;
    private readonly bool _corsCredentials;
    private readonly string? _siteDirectory;
    private readonly bool _authEmulation;
    private readonly IReadOnlyList<string> _arguments;
    private Process? _process;

    /// <param name="values">local.settings.json Values (ModelStorage, WarmUpSchedule, ...), on top of the defaults below.</param>
    /// <param name="cors">Host.CORS: a comma list of origins, or <c>*</c>.</param>
    /// <param name="corsCredentials">Host.CORSCredentials.</param>
    /// <param name="siteDirectory">A folder to serve as the site on <see cref="SitePort"/>.</param>
    /// <param name="authEmulation">DevHost's <c>--auth</c>: App Service Authentication emulated (the default) or off.</param>
    /// <param name="arguments">More DevHost options, for example <c>--telemetry summary</c>.</param>
    /// <param name="sitePort">The site's port, when the caller must know it before (to list the site's origin in <paramref name="cors"/>).</param>
    public DevHostServer(
        IReadOnlyDictionary<string, string>? values = null,
        string cors = "http://allowed.test",
        bool corsCredentials = false,
        string? siteDirectory = null,
        bool authEmulation = true,
        IReadOnlyList<string>? arguments = null,
        int? sitePort = null)
    {
        SitePort = sitePort ?? FreePort.Next();
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["DevHost__MasterKey"] = MasterKey,
            ["DevHost__FunctionKey"] = FunctionKey,
            // Far away (1 January), so that a scheduled run never lands in a test; tests fire it via the admin API.
            ["WarmUpSchedule"] = "0 0 0 1 1 *",
        };
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            merged[name] = value;
        }

        _values = merged;
        _cors = cors;
        _corsCredentials = corsCredentials;
        _siteDirectory = siteDirectory;
        _authEmulation = authEmulation;
        _arguments = arguments ?? [];
    }

    /// <summary>Sets one Values entry before <see cref="StartAsync"/> (one that names this server's ports, such as the site's address).</summary>
    public void SetValue(string name, string value) => _values[name] = value;

    public int Port { get; } = FreePort.Next();

    public int SitePort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public Uri SiteAddress => new($"http://127.0.0.1:{SitePort}/");

    public IReadOnlyCollection<string> Output => _output;

    /// <summary>The worker this test build published (never a copy from another build).</summary>
    public static string WorkerDirectory => Path.Combine(AppContext.BaseDirectory, "worker");

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task StartAsync()
    {
        if (!File.Exists(Path.Combine(WorkerDirectory, "functions.metadata")))
        {
            throw new InvalidOperationException(
                $"No worker at {WorkerDirectory}: the test project's build publishes it there (it imports TestSupport/PublishWorker.targets and references Functions/HealthOracle.Functions.csproj); build the test project again.");
        }

        var settingsPath = Path.Combine(_settingsFolder, "local.settings.json");
        await File.WriteAllTextAsync(settingsPath, JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = _values,
            Host = new { LocalHttpPort = Port, CORS = _cors, CORSCredentials = _corsCredentials },
        }));

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { DevHostAssembly(), "--app", WorkerDirectory, "--settings", settingsPath, "--port", Port.ToString(), "--auth", _authEmulation ? "on" : "off" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_siteDirectory is not null)
        {
            start.ArgumentList.Add("--site");
            start.ArgumentList.Add(_siteDirectory);
            start.ArgumentList.Add("--site-port");
            start.ArgumentList.Add(SitePort.ToString());
        }

        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("DevHost did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitForRunningAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>The host's status from the admin API (master key).</summary>
    public async Task<DevHostStatus> GetStatusAsync()
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/host/status");
        request.Headers.Add("x-functions-key", MasterKey);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevHostStatus>())!;
    }

    /// <summary>Waits until the host reports a running worker (after a start or a restart).</summary>
    public async Task<DevHostStatus> WaitForRunningAsync(TimeSpan timeout, int? notProcessId = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"DevHost exited with code {_process.ExitCode}:{Environment.NewLine}{Tail()}");
            }

            try
            {
                var status = await GetStatusAsync();
                if (status.State == "Running" && status.WorkerProcessId is { } pid && pid != notProcessId)
                {
                    return status;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"DevHost did not report a running worker within {timeout}:{Environment.NewLine}{Tail()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits for an output line (DevHost's own or the worker's relayed logs).</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_output.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No matching output within {timeout}:{Environment.NewLine}{Tail()}");
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        // DevHost terminates its worker and exits.
        await ChildProcess.StopGracefullyAsync(_process, TimeSpan.FromSeconds(20));
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_settingsFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static string DevHostAssembly()
    {
        // The test project references DevHost, so its build sits beside the tests.
        var beside = Path.Combine(AppContext.BaseDirectory, "HealthOracle.DevHost.dll");
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
        {
            return beside;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        return Path.Combine(RepositoryPaths.Root, "tools", "DevHost", "bin", configuration, "net10.0", "HealthOracle.DevHost.dll");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>The last lines DevHost printed, for a failing assertion's message.</summary>
    public string Tail() => string.Join(Environment.NewLine, _output.TakeLast(40));
}

/// <summary>DevHost's <c>GET /admin/host/status</c>.</summary>
public sealed record DevHostStatus(string State, string Version, int? WorkerProcessId, int WorkerRestarts, IReadOnlyList<string> Functions);
