using System.Text;
using System.Text.Json;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.Infrastructure.Versioning;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace HealthOracle.Functions.Tests.Predictions;

/// <summary>
/// The prediction API's answers to a fixed set of requests on the repository's trained models, byte for
/// byte: a refactoring that changes what a caller sees fails here. A deliberate change of the contract
/// rewrites the snapshot with <c>UPDATE_SNAPSHOTS=1</c>, and the diff is reviewed with the change.
/// </summary>
public sealed class ApiSnapshotTests
{
    private static readonly string SnapshotPath = Path.Combine(RepositoryPaths.Root, "Functions.Tests", "Predictions", "Snapshots", "api.txt");

    private static readonly string[] Diseases = [.. HealthOracle.Diseases.DiseaseCatalog.Keys];

    [Fact]
    public async Task Answers_ToAFixedSetOfRequests_AreUnchanged()
    {
        // A fixed clock: the no-JavaScript result page says when it was estimated.
        using var host = new TestPredictionHost(RepositoryStore(), time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)));
        var text = new StringBuilder();
        foreach (var disease in Diseases)
        {
            await Record(text, host, $"{disease} GET schema", "GET", disease, null, null);
            await Record(text, host, $"{disease} POST one patient", "POST", disease, TestPatients.Json(disease), "application/json");
            await Record(text, host, $"{disease} POST batch of two", "POST", disease, TestPatients.Array(disease, 2), "application/json");
            await Record(text, host, $"{disease} POST form", "POST", disease, TestPatients.Form(disease), "application/x-www-form-urlencoded");
            var first = TestPatients.Valid[disease][0].Name;
            await Record(text, host, $"{disease} POST out of range", "POST", disease, TestPatients.Json(disease, first, "-5"), "application/json");
            await Record(text, host, $"{disease} POST missing field", "POST", disease, TestPatients.Json(disease, first, TestPatients.Omit), "application/json");
            await Record(text, host, $"{disease} POST unknown field", "POST", disease, "{\"nope\":1}", "application/json");
            await Record(text, host, $"{disease} POST one patient, api-version {ApiVersions.Current}", "POST", disease, TestPatients.Json(disease), "application/json", apiVersion: ApiVersions.Current);
        }

        await Record(text, host, "heart POST malformed JSON", "POST", "heart", "{\"age\":", "application/json");
        await Record(text, host, "heart POST empty", "POST", "heart", "", "application/json");
        await Record(text, host, "heart POST text/plain", "POST", "heart", "age=1", "text/plain");
        await Record(text, host, "heart POST empty batch", "POST", "heart", "[]", "application/json");

        var actual = text.ToString();
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(SnapshotPath, actual);
        }

        Assert.Equal(File.ReadAllText(SnapshotPath), actual);
    }

    private static async Task Record(StringBuilder text, TestPredictionHost host, string name, string method, string disease, string? body, string? contentType, string? accept = null, string? apiVersion = null)
    {
        var response = await host.SendAsync(method, disease, body is null ? null : Encoding.UTF8.GetBytes(body), contentType, accept, apiVersion: apiVersion);
        text.Append("### ").AppendLine(name)
            .Append(response.Status).Append(' ').AppendLine(response.ContentType)
            .AppendLine(response.Body)
            .AppendLine();
    }

    private static TestModelStore RepositoryStore()
    {
        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, ModelManifest.BlobName)), ModelManifestJsonContext.Default.ModelManifest)!;
        var store = new TestModelStore();
        store.Publish(manifest.Models.Values
            .Where(e => Diseases.Contains(e.Disease))
            .Select(e => (e, File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, e.BlobPath))))
            .ToArray());
        return store;
    }
}
