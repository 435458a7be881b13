using System.Buffers;
using System.Text.Json;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.Export;

/// <summary>The parts of the export written before its predictions.</summary>
internal sealed record ExportHeader(string Format, DateTimeOffset ExportedAt, ExportAccount Account, ProfileView? Profile);

/// <summary>
/// Writes the export document (<see cref="ExportDocument"/>'s shape, member for member) to the response as the pages of
/// saved predictions arrive, sending it every <see cref="SendAtBytes"/>: one page is held at a time, whatever the length of
/// the history, and the written document only up to the next send. If
/// storage fails once the answer has begun, the connection is aborted, so that the download fails visibly instead of
/// ending as a shorter document that looks whole.
/// </summary>
internal sealed class ExportWriter(
    ExportHeader header,
    IAsyncEnumerator<(IReadOnlyList<PredictionEntity> Predictions, ILookup<string, SuggestionEntity> Suggestions)> pages,
    bool hasFirstPage,
    ILogger logger) : IResult
{
    /// <summary>
    /// What is written is sent once this much is buffered, at the end of a prediction: a page of 100 predictions with their
    /// explanations is about 800 KB indented, which as one buffer and one write took a large-object-heap buffer per export
    /// and held the page twice over in the response's pipe.
    /// </summary>
    public const int SendAtBytes = 32 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"healthoracle-export.json\"";
        var context = PeopleJsonContext.Default;
        int predictions = 0, suggestions = 0;
        // The writer fills a buffer, sent every SendAtBytes at the end of a prediction and at the end: the serializer
        // flushes its writer synchronously, which a response stream refuses, and the buffer stays small and reused.
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        // Indented: a person opens their download in a text editor (one minified line was unreadable there).
        var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
        try
        {
            json.WriteStartObject();
            json.WriteString("format", header.Format);
            json.WritePropertyName("exportedAt");
            JsonSerializer.Serialize(json, header.ExportedAt, context.DateTimeOffset);
            json.WritePropertyName("account");
            JsonSerializer.Serialize(json, header.Account, context.ExportAccount);
            json.WritePropertyName("profile");
            JsonSerializer.Serialize(json, header.Profile, context.ProfileView);
            json.WriteStartArray("predictions");
            for (var more = hasFirstPage; more; more = await pages.MoveNextAsync())
            {
                var (page, pageSuggestions) = pages.Current;
                foreach (var prediction in page)
                {
                    var own = pageSuggestions[prediction.Id];
                    JsonSerializer.Serialize(json, PeopleViews.Saved(prediction, own), context.SavedPrediction);
                    predictions++;
                    suggestions += own.Count();
                    if (json.BytesPending + buffer.WrittenCount >= SendAtBytes)
                    {
                        await SendAsync(json, buffer, response, httpContext.RequestAborted);
                    }
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await SendAsync(json, buffer, response, httpContext.RequestAborted);
            Log.Exported(logger, predictions, suggestions);
        }
        catch (PeopleStoreUnavailableException e)
        {
            Log.ExportBroken(logger, predictions, e.Reason.ToString());
            httpContext.Abort();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The person's browser went away: nothing more to write.
        }
        finally
        {
            await pages.DisposeAsync();
            await json.DisposeAsync();
        }
    }

    private static async Task SendAsync(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, HttpResponse response, CancellationToken cancellationToken)
    {
        json.Flush();
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        buffer.ResetWrittenCount();
    }
}
