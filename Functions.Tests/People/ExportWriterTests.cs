using System.Text.Json;
using HealthOracle.Functions.People;
using HealthOracle.Functions.People.Export;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthOracle.Functions.Tests.People;

/// <summary>
/// Issue 29: the export is sent in pieces of about <see cref="ExportWriter.SendAtBytes"/>, not a page at a time. A page of
/// 100 predictions with their explanations is about 800 KB indented; sent as one buffer it took a large-object-heap buffer
/// per export and four concurrent exports of a 10,000-prediction history took the worker 57 MB over idle (bench/memory).
/// </summary>
public sealed class ExportWriterTests
{
    [Fact]
    public async Task Export_OfPagesLargerThanItsSendSize_IsSentInPiecesNoLargerThanTheSendSizeAndOnePrediction_AndIsWhole()
    {
        // Two pages of 100 predictions, each answer about 4.6 KB as a saved answer with factors is.
        var answer = JsonSerializer.Serialize(new { disease = "heart", riskPercentage = 12.5, note = new string('x', 4600) });
        var pages = Enumerable.Range(0, 2).Select(p => Enumerable.Range(0, 100).Select(i => new PredictionEntity
        {
            RowKey = RowKeys.Prediction(PeopleStore.NewId(DateTimeOffset.UnixEpoch.AddDays(10_000 - p * 100 - i))),
            Disease = "heart", SavedAt = DateTimeOffset.UnixEpoch, Answer = answer,
        }).ToList()).ToList();
        var body = new WriteRecorder();
        var context = new DefaultHttpContext();
        context.Response.Body = body;
        var enumerator = Pages(pages).GetAsyncEnumerator();
        var hasFirst = await enumerator.MoveNextAsync();
        var header = new ExportHeader(ExportFunction.Format, DateTimeOffset.UnixEpoch, new ExportAccount("aad", "ada-oid", "Ada", "note"), null);

        await new ExportWriter(header, enumerator, hasFirst, NullLogger.Instance).ExecuteAsync(context);

        using var document = JsonDocument.Parse(body.ToArray());
        var exported = document.RootElement.GetProperty("predictions").EnumerateArray().ToList();
        var onePrediction = body.Length / exported.Count;
        Assert.Equal(pages.SelectMany(p => p).Select(p => p.Id), exported.Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(12.5, exported[^1].GetProperty("prediction").GetProperty("riskPercentage").GetDouble());
        Assert.InRange(body.Length, 200 * 4600, long.MaxValue);
        Assert.All(body.Writes, size => Assert.InRange(size, 1, ExportWriter.SendAtBytes + 2 * onePrediction));
        Assert.True(body.Writes.Count >= body.Length / (ExportWriter.SendAtBytes + 2 * onePrediction), $"{body.Writes.Count} writes");
    }

    private static async IAsyncEnumerable<(IReadOnlyList<PredictionEntity>, ILookup<string, SuggestionEntity>)> Pages(List<List<PredictionEntity>> pages)
    {
        foreach (var page in pages)
        {
            await Task.Yield();
            yield return (page, Array.Empty<SuggestionEntity>().ToLookup(s => s.PredictionId, StringComparer.Ordinal));
        }
    }

    /// <summary>A response body that keeps what was written and the size of each write.</summary>
    private sealed class WriteRecorder : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
