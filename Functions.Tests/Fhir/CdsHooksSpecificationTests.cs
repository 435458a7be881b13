using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>
/// The schema derived from the CDS Hooks models tells right from wrong: the specification's own examples (copied with
/// the models) pass as what they are and fail as anything else, and a broken copy of each fails naming what broke.
/// The service's own documents are checked against it in <see cref="CdsHooksTests"/>.
/// </summary>
public sealed class CdsHooksSpecificationTests
{
    private static readonly Dictionary<string, string> Examples = new()
    {
        ["Services"] = "binary-CDSHookServices.json",
        ["Request"] = "binary-CDSHooksRequestPV.json",
        ["Response"] = "binary-CDSHooksResponse.json",
    };

    public static TheoryData<string, string> Pairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var kind in Examples.Keys)
        {
            foreach (var example in Examples.Keys)
            {
                pairs.Add(kind, example);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void SpecificationExample_IsValidAsItsOwnKindOnly(string kind, string exampleKind)
    {
        var errors = CdsHooksSpecification.Validate(kind, Path.Combine(CdsHooksSpecification.Models, Examples[exampleKind]), allowCritical: false);

        if (kind == exampleKind)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.NotEmpty(errors);
        }
    }

    [Theory]
    [InlineData("Response", "cards/0", "summary", null, "/cards/0 must have required property 'summary'")]
    [InlineData("Response", "cards/0", "indicator", "hard-stop", "/cards/0/indicator must be equal to one of the allowed values")]
    [InlineData("Response", "cards/0/links/0", "type", "relative", "/cards/0/links/0/type must be equal to one of the allowed values")]
    [InlineData("Response", "cards/0/source", "label", null, "/cards/0/source must have required property 'label'")]
    [InlineData("Response", "cards/0", "uuid", "urn:uuid:4e0a3a1e-3283-4575-ab82-028d55fe2719", "/cards/0/uuid must match pattern")]
    [InlineData("Response", "cards/0", "colour", "red", "/cards/0 must NOT have additional properties colour")]
    [InlineData("Request", "", "hookInstance", "not-a-uuid", "/hookInstance must match pattern")]
    [InlineData("Request", "context", "patientId", null, "/context must have required property 'patientId'")]
    [InlineData("Request", "fhirAuthorization", "expires_in", "300", "/fhirAuthorization/expires_in must be integer")]
    [InlineData("Request", "prefetch", "patientToGreet", "{\"gender\":\"male\"}", "/prefetch/patientToGreet must have required property 'resourceType'")]
    [InlineData("Services", "services/0", "id", null, "/services/0 must have required property 'id'")]
    [InlineData("Services", "services/0/prefetch", "patientToGreet", "{}", "/services/0/prefetch/patientToGreet must be string")]
    public void SpecificationExample_BrokenInOnePlace_FailsNamingIt(string kind, string at, string property, string? value, string expected)
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(CdsHooksSpecification.Models, Examples[kind])))!;
        var target = at.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(document, (node, step) => int.TryParse(step, out var i) ? node[i]! : node[step]!).AsObject();
        if (value is null)
        {
            target.Remove(property);
        }
        else
        {
            target[property] = value.StartsWith('{') ? JsonNode.Parse(value) : JsonValue.Create(value);
        }

        var errors = CdsHooksSpecification.Errors(kind, JsonSerializer.SerializeToElement(document), allowCritical: false);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Indicator_TheToolsIgCodeSystemLacksCritical_WhichTheSpecificationsTextAllows()
    {
        // The exception CdsHooksSpecification makes, kept honest: the artefact still lacks the code, and the text still has it.
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(CdsHooksSpecification.Models, Examples["Response"])))!;
        document["cards"]![0]!["indicator"] = "critical";
        var text = File.ReadAllText(Path.Combine(CdsHooksSpecification.Models, "..", "CDSHooksResponse.fsh"));

        var strict = CdsHooksSpecification.Errors("Response", JsonSerializer.SerializeToElement(document), allowCritical: false);
        var allowed = CdsHooksSpecification.Errors("Response", JsonSerializer.SerializeToElement(document));

        Assert.Equal(["/cards/0/indicator must be equal to one of the allowed values info|warning|error"], strict);
        Assert.Empty(allowed);
        Assert.Contains("Allowed values, in order of increasing urgency, are: info, warning, critical.", text, StringComparison.Ordinal);
    }
}
