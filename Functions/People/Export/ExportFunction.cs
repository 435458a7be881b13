using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Profile;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.Export;

/// <summary>
/// GET: everything stored about the caller as one JSON document, offered as a download, streamed a page of saved
/// predictions at a time (<see cref="ExportWriter"/>) so that the worker's memory does not grow with the history.
/// The profile and the first page are read here, so that storage that cannot be reached is still a 503 problem.
/// </summary>
internal sealed class ExportFunction(PeopleStore store, TimeProvider time, ILogger<ExportFunction> logger)
{
    public const string Name = "MeExport";
    public const string Format = "healthoracle-export/1";

    /// <summary>
    /// Saved predictions read, held and written at a time. A saved answer with its explanation is about 5 KB, so a page of
    /// 100 was over half a megabyte from Table Storage per export: four concurrent exports of 10,000 predictions took the
    /// worker 57 MB over idle with pages of 100 sent whole and 14 MB sent every <see cref="ExportWriter.SendAtBytes"/> with
    /// pages of 25 (of 2,000: 58, 34 sent every 32 KB with pages of 100, and 4 MB; bench/memory/README.md, "Exports of a
    /// 10,000-prediction history"), at four times the queries.
    /// </summary>
    public const int PageSize = 25;

    [Function(Name)]
    public async Task<Results<ExportWriter, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/export")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Caller() is not { } caller)
        {
            return IdentityProblems.SignInRequired();
        }

        var profile = await store.GetProfileAsync(caller, cancellationToken);
        var pages = store.PredictionPagesAsync(caller, PageSize, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            var hasFirst = await pages.MoveNextAsync();
            var header = new ExportHeader(Format, time.GetUtcNow(),
                new ExportAccount(caller.IdentityProvider, caller.UserId, caller.Name,
                    "Your sign-in id and name come from your sign-in and are not stored; rows are kept under a hash of the id."),
                PeopleViews.Profile(profile, MeFunction.Today(time)));
            return new ExportWriter(header, pages, hasFirst, logger);
        }
        catch
        {
            await pages.DisposeAsync();
            throw;
        }
    }
}
