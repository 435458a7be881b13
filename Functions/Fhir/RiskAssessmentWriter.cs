using System.Globalization;
using HealthOracle.Diseases;
using HealthOracle.Functions.Predictions;
using Hl7.Fhir.Model;

namespace HealthOracle.Functions.Fhir;

/// <summary>
/// A prediction as a FHIR R4 RiskAssessment: the model (name and version) as its method; the observations it used as
/// its basis, ordered by how much each moved the estimate (largest first: the factors, in basis order; the patient is
/// cited where age or sex ranks); one prediction with the outcome in SNOMED CT, the calibrated probability, the HL7
/// risk-probability category and the 95% interval as an extension; the population sentence, the factors in words, the
/// model's notice and the disclaimer in its notes.
/// </summary>
internal static class RiskAssessmentWriter
{
    public const string ModelSystem = "https://healthoracle.example.org/fhir/CodeSystem/model";

    /// <summary>The 95% interval of <c>probabilityDecimal</c> (a Range of probabilities, UCUM unity), this project's extension.</summary>
    public const string IntervalExtension = "https://healthoracle.example.org/fhir/StructureDefinition/probability-interval-95";

    public const string RiskProbabilitySystem = "http://terminology.hl7.org/CodeSystem/risk-probability";

    public static RiskAssessment Write(DiseaseDefinition disease, PatientRecord record, ExtractedInputs inputs, PredictionResult result, DateTimeOffset now)
    {
        var assessment = new RiskAssessment
        {
            Status = ObservationStatus.Final,
            Subject = Cite(record.PatientReference, "Patient"),
            Occurrence = new FhirDateTime(now),
            Method = new CodeableConcept
            {
                Coding = [new Coding(ModelSystem, result.Model.Name, $"{disease.DisplayName} model {result.Model.Name} {result.Model.Version}") { Version = result.Model.Version }],
                Text = $"{result.Model.Name} {result.Model.Version} (SHA-256 {result.Model.Sha256})",
            },
            Basis = Basis(disease, inputs, result).ToList(),
            Prediction = [Prediction(disease, result)],
            Mitigation = string.Join(" ", result.Advice),
        };

        if (result.Model.Population is { } population)
        {
            assessment.Note.Add(new Annotation { Text = population.RelativeTo });
        }

        if (result.Factors is { Count: > 0 } factors)
        {
            assessment.Note.Add(new Annotation { Text = "What moved the estimate most (percentage points from the reference patient's estimate): " + Factors(factors) + "." });
        }

        if (result.Model.Notice is { Length: > 0 } notice)
        {
            assessment.Note.Add(new Annotation { Text = notice });
        }

        assessment.Note.Add(new Annotation { Text = result.Disclaimer });
        return assessment;
    }

    /// <summary>The largest factors in words: "Age +12.3, Serum cholesterol −4.1".</summary>
    public static string Factors(IEnumerable<Explanations.Factor> factors, int count = 3) =>
        string.Join(", ", factors.Take(count).Select(f => $"{f.Label} {(f.Contribution >= 0 ? "+" : "−")}{Math.Abs(f.Contribution).ToString("0.#", CultureInfo.InvariantCulture)}"));

    private static RiskAssessment.PredictionComponent Prediction(DiseaseDefinition disease, PredictionResult result)
    {
        var outcome = disease.Outcome!;
        var category = result.Category switch
        {
            RiskCategory.Low => ("low", "Low likelihood"),
            RiskCategory.Moderate => ("moderate", "Moderate likelihood"),
            _ => ("high", "High likelihood"),
        };
        var prediction = new RiskAssessment.PredictionComponent
        {
            Outcome = new CodeableConcept { Coding = [new Coding(outcome.System, outcome.Code, outcome.Display)], Text = disease.DisplayName },
            Probability = new FhirDecimal((decimal)result.Probability),
            QualitativeRisk = new CodeableConcept { Coding = [new Coding(RiskProbabilitySystem, category.Item1, category.Item2)], Text = result.Category.ToString() },
            Rationale = result.Model.Population?.RelativeTo,
        };

        if (result.Interval is { } interval)
        {
            prediction.Extension.Add(new Extension(IntervalExtension, new Hl7.Fhir.Model.Range
            {
                Low = Probability(interval.Lower),
                High = Probability(interval.Upper),
            }));
        }

        return prediction;
    }

    private static Quantity Probability(double value) => new((decimal)Math.Round(value, 4), "1") { Unit = "probability" };

    /// <summary>Each used input's source once, in the order of its factor's size (inputs without a factor last, in field order).</summary>
    private static IEnumerable<ResourceReference> Basis(DiseaseDefinition disease, ExtractedInputs inputs, PredictionResult result)
    {
        var rank = result.Factors?.Select((f, i) => (f.Field, i)).ToDictionary(p => p.Field, p => p.i) ?? [];
        return Enumerable.Range(0, disease.Fields.Count)
            .Where(i => inputs.Sources[i] is { Length: > 0 })
            .OrderBy(i => rank.TryGetValue(disease.Fields[i].Name, out var r) ? r : int.MaxValue)
            .ThenBy(i => i)
            .Select(i => inputs.Sources[i]!)
            .Distinct(StringComparer.Ordinal)
            .Select(source => Cite(source, source.StartsWith("Patient", StringComparison.Ordinal) ? "Patient" : "Observation"));
    }

    private static ResourceReference Cite(string reference, string type) =>
        reference.Length == 0 ? new ResourceReference { Display = "the patient sent" } : new ResourceReference(reference) { Type = type };
}
