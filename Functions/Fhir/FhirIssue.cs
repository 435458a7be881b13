using Hl7.Fhir.Model;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Functions.Fhir;

/// <summary>
/// One thing an OperationOutcome says about the record: an input that is missing, stale, out of range or in a unit
/// that is not understood, named by its field and the code it was looked for under. Never a value.
/// </summary>
internal sealed record FhirIssue(OperationOutcome.IssueSeverity Severity, OperationOutcome.IssueType Type, string Message)
{
    /// <summary>The model input the issue is about (its snake_case name), or null for the record as a whole.</summary>
    public string? Field { get; init; }

    /// <summary>The code the input is looked for under (its preferred LOINC or project code), or null.</summary>
    public FhirCode? Code { get; init; }

    public bool IsError => Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal;

    public static OperationOutcome Outcome(IEnumerable<FhirIssue> issues)
    {
        var outcome = new OperationOutcome();
        foreach (var issue in issues)
        {
            var details = new CodeableConcept { Text = issue.Message };
            if (issue.Code is { } code)
            {
                details.Coding.Add(new Coding(code.System, code.Code, code.Display));
            }

            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = issue.Severity,
                Code = issue.Type,
                Details = details,
                Diagnostics = issue.Field,
            });
        }

        if (outcome.Issue.Count == 0)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Information,
                Code = OperationOutcome.IssueType.Informational,
                Details = new CodeableConcept { Text = "Every input was found." },
            });
        }

        return outcome;
    }

    public static OperationOutcome Outcome(OperationOutcome.IssueType type, string message) =>
        Outcome([new FhirIssue(OperationOutcome.IssueSeverity.Error, type, message)]);
}
