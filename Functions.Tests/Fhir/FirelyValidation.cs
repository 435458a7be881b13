using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>
/// Firely's validator against the R4 specification (the specification.zip of Hl7.Fhir.Specification.Data.R4, read
/// offline): structure, cardinality, types, invariants and the bindings its local terminology service can expand.
/// One instance for the test run: compiling the R4 profiles takes seconds.
/// </summary>
internal static class FirelyValidation
{
    private static readonly Lazy<Validator> Validator = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, new LocalTerminologyService(source));
    });

    private static readonly Lock Gate = new();

    /// <summary>The errors (and fatal issues) Firely finds, as readable lines; empty when the resource is valid R4.</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (Gate)
        {
            outcome = Validator.Value.Validate(resource);
        }

        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Severity} {i.Code} {i.Details?.Text} @ {string.Join(",", i.Expression)}")];
    }
}
