using System.Collections.Concurrent;
using System.Diagnostics;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.OpenApi;

/// <summary>
/// <c>@stoplight/prism-cli proxy</c> (pinned in package.json) in front of the app, with <c>--errors</c>: a request
/// or an answer that does not match the document becomes Prism's own problem answer (422 for a request, 500 for
/// an answer) and any violation is listed in the <c>sl-violations</c> header.
/// </summary>
public sealed class PrismProxy(string document, string upstream, bool validateRequests) : IAsyncDisposable
{
    /// <summary>The <c>type</c> of every problem Prism makes itself.</summary>
    public const string ProblemTypePrefix = "https://stoplight.io/prism/errors";

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public string Tail() => string.Join(Environment.NewLine, _output.TakeLast(30));

    public async Task StartAsync()
    {
        var cli = Path.Combine(RepositoryPaths.Root, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} is missing: run npm ci at the repository root.");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in new[] { cli, "proxy", document, upstream, "--errors", "--host", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--validate-request", validateRequests ? "true" : "false" })
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Read(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            _output.Enqueue(e.Data);
            if (e.Data.Contains("Prism is listening", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        _process.OutputDataReceived += Read;
        _process.ErrorDataReceived += Read;
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"Prism exited: {Tail()}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await ChildProcess.StopGracefullyAsync(_process, TimeSpan.FromSeconds(5));
            _process.Dispose();
        }
    }
}
