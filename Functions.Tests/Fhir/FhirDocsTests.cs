using HealthOracle.Diseases;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>docs/fhir.md publishes the definitions' FHIR forms: every code a definition reads is named there.</summary>
public sealed class FhirDocsTests
{
    [Fact]
    public void Docs_NameEveryCodeTheDefinitionsRead()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "fhir.md"));

        var codes = DiseaseCatalog.All.SelectMany(d => d.Fields).SelectMany(f => f.Fhir!.Codes.Select(c => c.Code.Code).Concat(f.Fhir.Answers.Select(a => a.Code.Code)))
            .Concat(DiseaseCatalog.All.Select(d => d.Outcome!.Code))
            .Distinct();

        Assert.All(codes, code => Assert.Contains(code, docs));
    }
}
