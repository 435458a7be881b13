using Azure.Core;
using Azure.Core.Pipeline;
using System.Collections.Concurrent;

namespace HealthOracle.Functions.Tests.Models;

/// <summary>An Azure SDK pipeline policy that counts the requests per method and blob path.</summary>
internal sealed class RequestCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public int Count(string method, string blobPathEnd) =>
        _counts.Where(p => p.Key.StartsWith(method + " ", StringComparison.Ordinal) && p.Key.EndsWith(blobPathEnd, StringComparison.Ordinal)).Sum(p => p.Value);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message) =>
        _counts.AddOrUpdate($"{message.Request.Method} {message.Request.Uri.Path}", 1, (_, n) => n + 1);
}
