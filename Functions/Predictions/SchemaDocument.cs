using HealthOracle.Functions.Predictions.Schema;

namespace HealthOracle.Functions.Predictions;

/// <summary>The published form of a disease's schema (GET /api/predict/{disease}).</summary>
internal static class SchemaDocument
{
    private static readonly Dictionary<string, SchemaResponse> Documents = DiseaseSchemas.All.ToDictionary(s => s.Disease, Build);

    public static SchemaResponse For(DiseaseSchema schema) => Documents[schema.Disease];

    /// <summary>Only the lung model is trained on synthetic data.</summary>
    public static bool IsSynthetic(DiseaseSchema schema) => schema.Disease == DiseaseSchemas.Lung;

    private static SchemaResponse Build(DiseaseSchema schema) => new(
        schema.Disease,
        schema.DisplayName,
        schema.Summary,
        schema.Fields.Select(f => new SchemaField(
            f.Name,
            f.Label,
            f.Kind switch { FieldKind.Integer => "integer", FieldKind.Code => "code", _ => "number" },
            f.Unit,
            f.Min,
            f.Max,
            f.Required,
            f.Description,
            f.Codes?.Select(c => new SchemaCode(c.Value, c.Label)).ToArray())).ToArray(),
        IsSynthetic(schema),
        IsSynthetic(schema) ? Advice.SyntheticNotice : null);
}
