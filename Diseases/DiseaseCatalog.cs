using System.Diagnostics.CodeAnalysis;
using HealthOracle.Diseases.Definitions;

namespace HealthOracle.Diseases;

/// <summary>Every disease the service scores. Adding one is a definition here, its function class and its data.</summary>
public static class DiseaseCatalog
{
    public static IReadOnlyList<DiseaseDefinition> All { get; } =
        [Heart.Definition, Diabetes.Definition, Liver.Definition, Lung.Definition, Kidney.Definition];

    private static readonly Dictionary<string, DiseaseDefinition> ByKey = All.ToDictionary(d => d.Key, StringComparer.Ordinal);

    public static IEnumerable<string> Keys => All.Select(d => d.Key);

    public static bool TryGet(string key, [NotNullWhen(true)] out DiseaseDefinition? definition) => ByKey.TryGetValue(key, out definition);

    public static DiseaseDefinition Get(string key) =>
        ByKey.TryGetValue(key, out var definition) ? definition : throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown disease.");
}
