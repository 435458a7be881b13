using System.Globalization;
using HealthOracle.Diseases;

namespace HealthOracle.Functions.Tests.Predictions;

/// <summary>Each disease's valid patient, its definition's <c>Example</c>, and the JSON and form bodies made from it.</summary>
internal static class TestPatients
{
    public const string Omit = "<omit>";

    /// <summary>Each disease's example, in field order, as (name, value as written in JSON).</summary>
    public static IReadOnlyDictionary<string, (string Name, string Value)[]> Valid { get; } = DiseaseCatalog.All.ToDictionary(
        d => d.Key,
        d => d.Fields.Select(f => (f.Name, d.Example[f.Name].ToString("R", CultureInfo.InvariantCulture))).ToArray());

    /// <summary>The valid patient as JSON, with <paramref name="field"/>'s raw JSON replaced (or omitted).</summary>
    public static string Json(string disease, string? field = null, string? raw = null, Func<string, string>? rename = null) =>
        "{" + string.Join(",", Valid[disease]
            .Where(f => !(f.Name == field && raw == Omit))
            .Select(f => $"\"{(rename ?? (n => n))(f.Name)}\":{(f.Name == field ? raw : f.Value)}")) + "}";

    public static string Form(string disease) =>
        string.Join("&", Valid[disease].Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}"));

    public static string Array(string disease, int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => Json(disease))) + "]";

    public static double Value(string disease, string field) =>
        double.Parse(Valid[disease].Single(f => f.Name == field).Value, CultureInfo.InvariantCulture);
}
