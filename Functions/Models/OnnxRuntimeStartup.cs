using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace HealthOracle.Functions.Models;

/// <summary>
/// Creates the process's ONNX Runtime environment (the native library and its global state, about 50 ms)
/// in the background as the worker starts, so that the first prediction does not wait for it. No model
/// is read here: each disease's model still loads on that disease's first call.
/// </summary>
internal sealed partial class OnnxRuntimeStartup(ILogger<OnnxRuntimeStartup> logger) : IHostedService
{
    /// <summary>Completes once the environment exists, or once creating it failed (logged; the first load then reports it).</summary>
    public Task Initialized { get; private set; } = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Initialized = Task.Run(Initialize, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Initialize()
    {
        try
        {
            _ = OrtEnv.Instance();
        }
        catch (Exception e)
        {
            LogInitializationFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "ONNX Runtime could not be initialised at start-up; the first model load will try again")]
    private static partial void LogInitializationFailed(ILogger logger, Exception exception);
}
