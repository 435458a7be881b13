using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthOracle.Diseases;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Predictions;

/// <summary>
/// The requests in Functions/HealthOracle.Functions.http are made from the definitions' examples: every patient a
/// valid prediction or what-if sends has its disease's example values (an optional field may be left out, and a
/// batch's second patient may be older), so that a changed example cannot leave the file behind.
/// </summary>
public sealed partial class HttpFileTests
{
    private static readonly string HttpFile = Path.Combine(RepositoryPaths.Root, "Functions", "HealthOracle.Functions.http");

    [Fact]
    public void Patients_InEveryValidPrediction_AreTheirDiseasesExample()
    {
        var checkedPatients = 0;
        foreach (var (heading, disease, body) in Requests())
        {
            if (heading.Contains("400", StringComparison.Ordinal))
            {
                continue;
            }

            var definition = DiseaseCatalog.Get(disease);
            foreach (var (patient, index) in Patients(body).Select((p, i) => (p, i)))
            {
                foreach (var (name, value) in patient)
                {
                    var expected = definition.Example[name];
                    Assert.True(value == expected || (name == "age" && index > 0), $"{heading}: {disease}.{name} is {value}, the example says {expected}");
                }

                Assert.All(definition.Fields.Where(f => f.Required), f => Assert.True(patient.ContainsKey(f.Name), $"{heading}: {f.Name} is missing"));
                checkedPatients++;
            }
        }

        Assert.True(checkedPatients >= DiseaseCatalog.All.Count, $"only {checkedPatients} patients found");
    }

    [Fact]
    public void Requests_CoverEveryDisease() =>
        Assert.Equal(DiseaseCatalog.Keys.Order(), Requests().Select(r => r.Disease).Distinct().Order());

    /// <summary>Each POST to a prediction or what-if route: its heading, its disease and its body.</summary>
    private static IEnumerable<(string Heading, string Disease, string Body)> Requests()
    {
        foreach (var block in File.ReadAllText(HttpFile).Split("###").Skip(1))
        {
            var lines = block.Split('\n');
            if (PredictionLine().Match(block) is { Success: true } match)
            {
                var body = block[(block.IndexOf("\n\n", StringComparison.Ordinal) + 2)..].Trim();
                yield return (lines[0].Trim(), match.Groups[1].Value, body);
            }
        }
    }

    /// <summary>The patients of a body: a JSON patient, a batch, a what-if's patient, or an urlencoded form.</summary>
    private static IEnumerable<Dictionary<string, double>> Patients(string body)
    {
        if (!body.StartsWith('{') && !body.StartsWith('['))
        {
            yield return body.Split('&').Select(pair => pair.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
            yield break;
        }

        var json = JsonNode.Parse(body)!;
        var objects = json is JsonArray array ? array.Select(n => n!.AsObject()) : [json["patient"]?.AsObject() ?? json.AsObject()];
        foreach (var patient in objects)
        {
            yield return patient.ToDictionary(p => p.Key, p => p.Value!.GetValue<double>());
        }
    }

    [GeneratedRegex(@"^POST \{\{api\}\}/predict/(\w+)(?:/what-if)?(?:\?\S*)?\s*$", RegexOptions.Multiline)]
    private static partial Regex PredictionLine();
}
