using System.Globalization;
using HealthOracle.Diseases;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>Each disease's example patient (its definition's <c>Example</c>) as a person would enter it: the optional fields left out.</summary>
internal static class Patients
{
    public static IReadOnlyDictionary<string, string> For(string disease)
    {
        var definition = DiseaseCatalog.Get(disease);
        return definition.Fields.Where(f => f.Required)
            .ToDictionary(f => f.Name, f => definition.Example[f.Name].ToString("R", CultureInfo.InvariantCulture));
    }
}
