using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using HealthOracle.Diseases;

namespace HealthOracle.Functions.Predictions.Functions;

/// <summary>
/// The naming rule of the prediction functions: a disease's function is its key in PascalCase followed by
/// <c>Prediction</c> (<c>heart</c> → <c>HeartPrediction</c>), so that middleware can tell which disease an
/// invocation scores from the function's name alone.
/// </summary>
internal static class PredictionFunctionName
{
    private static readonly FrozenDictionary<string, string> DiseaseOf =
        DiseaseCatalog.Keys.ToFrozenDictionary(For, key => key, StringComparer.Ordinal);

    public static string For(string disease) => char.ToUpperInvariant(disease[0]) + disease[1..] + "Prediction";

    public static bool TryGetDisease(string functionName, [NotNullWhen(true)] out string? disease) => DiseaseOf.TryGetValue(functionName, out disease);
}
