using HealthOracle.Diseases;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure.Idempotency;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.People;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.People;

/// <summary>
/// A signed-in save with an <c>Idempotency-Key</c> whose scoring fails (the model cannot be served: a 503 that says to
/// retry) gives its key back, so the retry is answered and saved, never refused as still "in use". The app's prediction
/// and people services over a model store that fails on cue and Azurite's tables.
/// </summary>
public sealed class UnansweredSaveTests : IAsyncLifetime
{
    private readonly AzuriteServer _storage = new(tables: true);

    public Task InitializeAsync() => _storage.StartAsync();

    public Task DisposeAsync() => _storage.DisposeAsync().AsTask();

    [Fact]
    public async Task ScoringFails_TheKeyIsGivenBack_SoTheRetryIsSavedAndItsOwnRetryReplaysIt()
    {
        var models = new TestModelStore();
        models.Publish(TestModels.For("heart"));
        var failing = true;
        models.Failure = () => failing ? new ModelUnavailableException("*", ModelUnavailableReason.StorageUnreachable, "down") : null;
        using var host = new TestPredictionHost(models, settings: new() { ["PeopleStorage"] = _storage.ConnectionString }, configure: services => services.AddPeople());
        var heart = DiseaseCatalog.Get("heart");
        var patient = new PatientBatch([.. heart.Fields.Select(f => heart.Example[f.Name])], 1, heart.Fields.Count, isArray: false);
        var options = new PredictionOptions { IdempotencyKey = Key(Guid.NewGuid().ToString()) };
        var ada = new Caller("aad", $"unanswered-{Guid.NewGuid():N}", "Ada");

        await Assert.ThrowsAsync<ModelUnavailableException>(() => host.Service.AnswerAsync(heart, patient, options, ada, CancellationToken.None).AsTask());
        failing = false;
        var retried = await host.Service.AnswerAsync(heart, patient, options, ada, CancellationToken.None);
        var retriedAgain = await host.Service.AnswerAsync(heart, patient, options, ada, CancellationToken.None);

        var saved = Assert.Single(retried).History;
        Assert.True(saved is { Saved: true }, $"the retry was not saved: {saved}");
        Assert.Equal(saved.Id, Assert.Single(retriedAgain).History?.Id);
    }

    private static IdempotencyKey Key(string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[IdempotencyKey.Header] = value;
        return IdempotencyKey.Read(context.Request).Key!;
    }
}
