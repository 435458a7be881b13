using Microsoft.ML;
using Microsoft.ML.Data;

namespace HealthOracle.Training.Modeling;

/// <summary>
/// Replaces the named float fields with ln(x + 1), in place (same names, same types; NaN stays NaN so that
/// imputation after it fills missing values with the mean of the logs). Nothing is learned, so it is the
/// same in every fold. ML.NET cannot export a logarithm to ONNX, so <see cref="Onnx.OnnxExporter"/> exports
/// the pipeline after this step and writes the same function into the graph (<see cref="Onnx.OnnxLog1p"/>).
/// </summary>
internal sealed class Log1pEstimator(IReadOnlyList<string> fields) : IEstimator<Log1pTransformer>
{
    public Log1pTransformer Fit(IDataView input) => new(fields);

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
}

/// <inheritdoc cref="Log1pEstimator"/>
internal sealed class Log1pTransformer(IReadOnlyList<string> fields) : ITransformer
{
    public IReadOnlyList<string> Fields { get; } = fields;

    public bool IsRowToRowMapper => false;

    public static float Apply(float value) => MathF.Log(value + 1f);

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

    public IDataView Transform(IDataView input) => new Log1pDataView(input, Fields);

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("ln(x + 1) is applied to data views only.");

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("Models are saved as ONNX (OnnxExporter), which writes ln(x + 1) into the graph.");
}
