using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Explanations;

namespace HealthOracle.Functions.Predictions;

/// <summary>The published form of a disease's definition (GET /api/predict/{disease}), built once per disease.</summary>
internal static class SchemaDocument
{
    private static readonly Dictionary<string, SchemaResponse> Documents = DiseaseCatalog.All.ToDictionary(d => d.Key, Build);

    public static SchemaResponse For(DiseaseDefinition disease) => Documents[disease.Key];

    private static SchemaResponse Build(DiseaseDefinition disease) => new(
        disease.Key,
        disease.DisplayName,
        disease.Summary,
        disease.Fields.Select(f => new SchemaField(
            f.Name,
            f.Label,
            f.Kind switch { FieldKind.Integer => "integer", FieldKind.Code => "code", _ => "number" },
            f.Unit,
            f.Min,
            f.Max,
            f.Required,
            f.Description,
            f.Codes?.Select(c => new SchemaCode(c.Value, c.Label)).ToArray())
        {
            AlternativeUnits = f.AlternativeUnits.Select(u => new SchemaUnit(u.Unit, u.ToFieldUnit, u.Basis)).ToArray(),
            ZeroMeansNotMeasured = f.ZeroMeansNotMeasured,
            Changeable = f.Changeable,
            Target = f.Target is { } target ? new SchemaTarget(target.Low, target.High, target.Source) : null,
            Expected = f.Expected is { } expected ? new SchemaDirection(expected.Direction == Direction.Raises ? "raises" : "lowers", expected.Source) : null,
            FactorNote = f.FactorNote,
        }).ToArray(),
        disease.Synthetic,
        Disclaimers.NoticeOf(disease))
    {
        ShortName = disease.ShortName,
        Requires = disease.Requires,
        Population = new SchemaPopulation(disease.Population.Description, disease.Population.Prevalence, disease.Population.PrevalenceSource)
        {
            RelativeTo = disease.Population.RelativeTo,
        },
        Plausibility = disease.Plausibility.Select(check => new SchemaPlausibility(
            check.Field,
            check.When.Select(c => new SchemaCondition(c.Field, c.Comparison == Comparison.AtLeast ? "atLeast" : "below", c.Value, c.TimesField)).ToArray(),
            check.Message,
            check.SuggestFactor)).ToArray(),
        Texts = new SchemaTexts(
            Enum.GetValues<RiskCategory>().ToDictionary(c => c, disease.Advice.For),
            Disclaimers.NotADiagnosis, ExplanationTexts.Factors, ExplanationTexts.WhatIf, Healthy.HealthyPatients.Note(disease)),
    };
}
