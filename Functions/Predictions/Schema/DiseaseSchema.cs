namespace HealthOracle.Functions.Predictions.Schema;

/// <summary>
/// A disease's input contract: the ordered fields a client posts and a model takes as inputs.
/// The order is the model's input order, recorded in the manifest and checked at load.
/// </summary>
public sealed record DiseaseSchema(string Disease, string DisplayName, string Summary, IReadOnlyList<FieldSpec> Fields)
{
    public IEnumerable<string> InputNames => Fields.Select(f => f.Name);

    public FieldSpec? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
