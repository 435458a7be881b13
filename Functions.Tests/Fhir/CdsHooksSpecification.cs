using System.Diagnostics;
using System.Text.Json;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>
/// CDS Hooks documents checked against the specification's own machine-readable models: the JSON Schema that
/// <c>cds-hooks-schema.mjs</c> derives from HL7's StructureDefinitions of the FHIR tools IG (TestData/cds-hooks/tools-ig,
/// see TestData/README.md), with ajv 2020 (node_modules). One exception, <see cref="Critical"/>: the tools IG's
/// CDSIndicator code system says info, warning, error, while CDS Hooks 2.0's text (and the FSH model's own description
/// of the element) says info, warning, critical; this service follows the specification's text.
/// </summary>
internal static class CdsHooksSpecification
{
    /// <summary>The one code the artefact lacks that the specification's text allows (see the summary).</summary>
    public const string Critical = "http://hl7.org/fhir/tools/ValueSet/CDSIndicator=critical";

    public static string Models => Path.Combine(RepositoryPaths.Root, "Functions.Tests", "Fhir", "TestData", "cds-hooks", "tools-ig");

    /// <summary>The derived schema's errors for a discovery answer (<c>Services</c>), a hook call (<c>Request</c>) or cards (<c>Response</c>).</summary>
    public static IReadOnlyList<string> Errors(string kind, JsonElement document, bool allowCritical = true)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cds-hooks-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, document.GetRawText());
        try
        {
            return Validate(kind, file, allowCritical);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static IReadOnlyList<string> Validate(string kind, string file, bool allowCritical = true)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(RepositoryPaths.Root, "Functions.Tests", "Fhir", "cds-hooks-schema.mjs"), kind, file })
        {
            start.ArgumentList.Add(argument);
        }

        if (allowCritical)
        {
            start.ArgumentList.Add("--also");
            start.ArgumentList.Add(Critical);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cds-hooks-schema.mjs failed ({process.ExitCode}): {error.Result}");
        }

        using var result = JsonDocument.Parse(output);
        return [.. result.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];
    }
}
