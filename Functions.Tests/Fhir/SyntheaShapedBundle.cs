using System.Globalization;
using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>
/// A patient's record in the shape Synthea's FHIR R4 exporter writes (synthetichealth/synthea, FhirR4.java): a
/// transaction Bundle, resources addressed by <c>urn:uuid:</c> full URLs and referenced by them, a Patient with
/// name, identifier, birthDate and gender, an Encounter, observations with category, LOINC code and text, subject and
/// encounter, effectiveDateTime and issued, quantities with UCUM system and code, and the blood pressure as an
/// 85354-9 panel with 8480-6/8462-4 components. Written as JSON (not with the SDK under test), from a disease's
/// values; options send values in another unit or code, add duplicates and stale observations.
/// </summary>
internal sealed class SyntheaShapedBundle(DiseaseDefinition disease, IReadOnlyDictionary<string, double> values, DateTimeOffset now)
{
    private readonly JsonArray _entries = [];
    private readonly string _patientUrl = "urn:uuid:" + Guid.NewGuid();
    private readonly string _encounterUrl = "urn:uuid:" + Guid.NewGuid();

    /// <summary>Send values in a field's first alternative unit (mmol/L, umol/L, g/L…) where it has one.</summary>
    public bool AlternativeUnits { get; init; }

    /// <summary>Fields left out of the record.</summary>
    public IReadOnlySet<string> Omit { get; init; } = new HashSet<string>();

    /// <summary>When the observations were made.</summary>
    public DateTimeOffset Taken { get; init; } = DateTimeOffset.MinValue;

    public JsonObject Build()
    {
        var taken = Taken == DateTimeOffset.MinValue ? now.AddDays(-3) : Taken;
        _entries.Add(Entry(_patientUrl, Patient()));
        _entries.Add(Entry(_encounterUrl, new JsonObject
        {
            ["resourceType"] = "Encounter",
            ["id"] = _encounterUrl[9..],
            ["status"] = "finished",
            ["class"] = new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v3-ActCode", ["code"] = "AMB" },
            ["subject"] = new JsonObject { ["reference"] = _patientUrl },
            ["period"] = new JsonObject { ["start"] = Time(taken), ["end"] = Time(taken.AddMinutes(30)) },
        }));

        var panel = new JsonArray();
        foreach (var field in disease.Fields)
        {
            if (Omit.Contains(field.Name) || !values.TryGetValue(field.Name, out var value) || field.Fhir!.Source != FhirSource.Observation)
            {
                continue;
            }

            if (field.Fhir.Panel is not null)
            {
                panel.Add(new JsonObject { ["code"] = Concept(field.Fhir.Codes[0].Code), ["valueQuantity"] = Quantity(value, "mm[Hg]") });
                continue;
            }

            AddObservation(field, value, taken);
        }

        if (panel.Count > 0)
        {
            var observation = Observation(new FhirCode(FhirCode.Loinc, "85354-9", "Blood pressure panel with all children optional"), "vital-signs", taken);
            observation["component"] = panel;
            _entries.Add(Entry("urn:uuid:" + Guid.NewGuid(), observation));
        }

        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "transaction", ["entry"] = _entries };
    }

    /// <summary>Adds one more observation of a field, with its own value and time (a duplicate, a stale one).</summary>
    public SyntheaShapedBundle With(string name, double value, DateTimeOffset taken, string? unit = null)
    {
        AddObservation(disease.Find(name)!, value, taken, unit);
        return this;
    }

    public string PatientUrl => _patientUrl;

    /// <summary>
    /// A bundle's resources as a FHIR server returns them once it has stored the transaction: the <c>urn:uuid:</c>
    /// references resolved to <c>Patient/{id}</c> and <c>Encounter/{id}</c>.
    /// </summary>
    public static List<JsonNode> Stored(JsonObject bundle)
    {
        var resources = ((JsonArray)bundle["entry"]!).Select(e => e!["resource"]!.DeepClone()).ToList();
        foreach (var resource in resources)
        {
            foreach (var name in new[] { "subject", "encounter" })
            {
                if (resource[name]?["reference"]?.GetValue<string>() is { } reference && reference.StartsWith("urn:uuid:", StringComparison.Ordinal))
                {
                    resource[name]!["reference"] = (name == "subject" ? "Patient/" : "Encounter/") + reference["urn:uuid:".Length..];
                }
            }
        }

        return resources;
    }

    private void AddObservation(FieldDefinition field, double value, DateTimeOffset taken, string? unit = null)
    {
        var form = field.Fhir!;
        var code = form.Codes[0].Code;
        var observation = Observation(code, code.System == FhirCode.Loinc ? "laboratory" : "survey", taken);
        if (form.Above is { } above)
        {
            observation["valueQuantity"] = Quantity(value == 1 ? above + 10 : above - 25, form.Ucum!);
        }
        else if (form.Answers.Count > 0)
        {
            var answer = form.Answers.FirstOrDefault(a => a.Value == value);
            observation[answer is null ? "valueString" : "valueCodeableConcept"] = answer is null
                ? $"{value.ToString(CultureInfo.InvariantCulture)}+"
                : Concept(answer.Code);
        }
        else if (field.Kind is FieldKind.Code or FieldKind.Integer && form.Ucum is null or "1" or "d/wk")
        {
            observation["valueInteger"] = (int)value;
        }
        else if (unit is not null)
        {
            var alternative = field.AlternativeUnits.First(a => a.Ucum == unit);
            observation["valueQuantity"] = Quantity(value / alternative.ToFieldUnit, unit);
        }
        else if (AlternativeUnits && field.AlternativeUnits.Count > 0)
        {
            var alternative = field.AlternativeUnits[0];
            observation["valueQuantity"] = Quantity(value / alternative.ToFieldUnit, alternative.Ucum!);
        }
        else
        {
            observation["valueQuantity"] = Quantity(value, form.Ucum ?? "1");
        }

        _entries.Add(Entry("urn:uuid:" + Guid.NewGuid(), observation));
    }

    private JsonObject Patient()
    {
        var age = values.TryGetValue("age", out var a) ? (int)a : 50;
        var sexField = disease.Fields.FirstOrDefault(f => f.Fhir!.Source == FhirSource.Gender);
        var male = sexField is not null && values.TryGetValue(sexField.Name, out var sex) && sex == 1;
        var patient = new JsonObject
        {
            ["resourceType"] = "Patient",
            ["id"] = _patientUrl[9..],
            ["identifier"] = new JsonArray(new JsonObject { ["system"] = "https://github.com/synthetichealth/synthea", ["value"] = _patientUrl[9..] }),
            ["name"] = new JsonArray(new JsonObject { ["use"] = "official", ["family"] = "Kuhn96", ["given"] = new JsonArray("Ramon749") }),
            ["gender"] = male ? "male" : "female",
            ["address"] = new JsonArray(new JsonObject { ["city"] = "Springfield", ["state"] = "Massachusetts", ["country"] = "US" }),
        };
        if (!Omit.Contains("age"))
        {
            patient["birthDate"] = now.UtcDateTime.Date.AddYears(-age).AddDays(-100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return patient;
    }

    private JsonObject Observation(FhirCode code, string category, DateTimeOffset taken) => new()
    {
        ["resourceType"] = "Observation",
        ["id"] = Guid.NewGuid().ToString(),
        ["status"] = "final",
        ["category"] = new JsonArray(new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/observation-category", ["code"] = category, ["display"] = category }),
        }),
        ["code"] = Concept(code),
        ["subject"] = new JsonObject { ["reference"] = _patientUrl },
        ["encounter"] = new JsonObject { ["reference"] = _encounterUrl },
        ["effectiveDateTime"] = Time(taken),
        ["issued"] = Time(taken.AddHours(2)),
    };

    private static JsonObject Concept(FhirCode code) => new()
    {
        ["coding"] = new JsonArray(new JsonObject { ["system"] = code.System, ["code"] = code.Code, ["display"] = code.Display }),
        ["text"] = code.Display,
    };

    private static JsonObject Quantity(double value, string ucum) => new()
    {
        ["value"] = value,
        ["unit"] = ucum,
        ["system"] = "http://unitsofmeasure.org",
        ["code"] = ucum,
    };

    private static JsonObject Entry(string url, JsonObject resource) => new()
    {
        ["fullUrl"] = url,
        ["resource"] = resource,
        ["request"] = new JsonObject { ["method"] = "POST", ["url"] = resource["resourceType"]!.GetValue<string>() },
    };

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
