using System.Text.Json.Nodes;
using HealthOracle.Functions.Tests.TestSupport;
using Xunit.Abstractions;

namespace HealthOracle.Functions.Tests.OpenApi;

/// <summary>
/// An outside validator over the served document: <c>OpenApi/Ajv/contract-run.mjs</c> (ajv 8, JSON Schema 2020-12, with
/// ajv-formats) generates, from <c>/api/openapi.json</c> alone and a fixed seed, over 5,000 valid and invalid requests to
/// every JSON operation (one patient, batch, what-if, chat's refusals, the diseases, the schemas, a person's own routes
/// signed out and in), sends them to the app under DevHost and checks every answer against the document.
/// </summary>
[Collection(ContractCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class AjvContractTests(ContractFixture contract, ITestOutputHelper output)
{
    [Fact]
    public async Task GeneratedRequests_EveryAnswerMatchesTheDocument_AndNothingItForbidsIsAccepted()
    {
        var script = Path.Combine(RepositoryPaths.Root, "Functions.Tests", "OpenApi", "Ajv", "contract-run.mjs");

        var (exitCode, printed, error) = await ToolProcess.RunAsync(RepositoryPaths.Root, "node", script, "--base", contract.Host.BaseAddress.AbsoluteUri, "--seed", "26", "--rounds", "12");
        Assert.True(printed.Contains('{', StringComparison.Ordinal), $"contract-run.mjs printed no report (exit {exitCode}):{Environment.NewLine}{error}");

        var report = JsonNode.Parse(printed[printed.IndexOf('{', StringComparison.Ordinal)..])!;
        output.WriteLine(printed);
        int Count(string name) => report[name]!.GetValue<int>();
        Assert.True(Count("mismatches") == 0, $"Answers that do not match the document: {report["failures"]}");
        Assert.True(Count("acceptedForbidden") == 0, $"Requests the document forbids, accepted: {report["failures"]}");
        Assert.True(Count("refusedAllowed") == 0, $"Requests the document allows, refused: {report["failures"]}");
        Assert.Equal(0, exitCode);
        Assert.True(Count("requests") >= 5000, $"Only {Count("requests")} requests were sent.");
        Assert.True(Count("valid") >= 2000 && Count("invalid") >= 2000, $"{Count("valid")} valid and {Count("invalid")} invalid: not both halves.");
        Assert.True(Count("answered2xx") >= 2000, $"Only {Count("answered2xx")} answers were 2xx.");
        foreach (var kind in new[] { "numberAsString", "unknown", "missing", "below", "above", "enum", "badUnit", "duplicate", "tooMany", "array" })
        {
            Assert.True(report["kinds"]![kind]?.GetValue<int>() > 0, $"No request of kind {kind} was generated.");
        }
    }
}
