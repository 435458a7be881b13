using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Predictions.Requests;
using Hl7.Fhir.Model;

namespace HealthOracle.Functions.Fhir;

/// <summary>A disease's inputs as read from a record: values in field order (NaN where not found), where each came from, and what the outcome says.</summary>
internal sealed record ExtractedInputs(double[] Values, string?[] Sources, IReadOnlyList<FhirIssue> Issues)
{
    public bool CanScore => !Issues.Any(i => i.IsError);
}

/// <summary>
/// Reads a disease's inputs from a patient's record, as its definition's FHIR forms say: age and sex from the Patient,
/// every other input from the most recent final observation with one of its codes (a component counts: systolic
/// pressure inside a blood-pressure panel), converted to the field's unit. Observations older than the limit, in the
/// future, not final, or with a value that cannot be read are passed over and named; values are then checked as
/// every route checks them (range, codes, rules across fields).
/// </summary>
internal static class InputExtractor
{
    private static readonly ObservationStatus[] Usable = [ObservationStatus.Final, ObservationStatus.Amended, ObservationStatus.Corrected];

    public static ExtractedInputs Extract(DiseaseDefinition disease, PatientRecord record, DateTimeOffset now, TimeSpan maxAge)
    {
        var values = new double[disease.Fields.Count];
        var sources = new string?[disease.Fields.Count];
        var issues = new List<FhirIssue>();
        Array.Fill(values, double.NaN);
        for (var i = 0; i < disease.Fields.Count; i++)
        {
            var field = disease.Fields[i];
            var (value, source) = field.Fhir!.Source switch
            {
                FhirSource.BirthDate => (AgeOn(record.Patient.BirthDate, now), record.PatientReference),
                FhirSource.Gender => (record.Patient.Gender switch { AdministrativeGender.Male => 1, AdministrativeGender.Female => 0, _ => double.NaN }, record.PatientReference),
                _ => FromObservations(field, record, now, maxAge, issues),
            };

            if (double.IsNaN(value))
            {
                issues.Add(Missing(field));
                continue;
            }

            if (FieldRules.Accept(field, value, out var stored) is { } message)
            {
                issues.Add(new FhirIssue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Value, $"{field.Label} {message}") { Field = field.Name, Code = Preferred(field) });
                continue;
            }

            values[i] = stored;
            sources[i] = double.IsNaN(stored) ? null : source;
        }

        if (!issues.Any(i => i.IsError))
        {
            foreach (var rule in disease.Rules)
            {
                if (rule.IsBrokenBy(values, disease.IndexOf(rule.Field), disease.IndexOf(rule.Limit)))
                {
                    issues.Add(new FhirIssue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.BusinessRule, rule.Message) { Field = rule.Field, Code = Preferred(disease.Find(rule.Field)!) });
                }
            }
        }

        return new ExtractedInputs(values, sources, issues);
    }

    /// <summary>The code a field is looked for under first: its preferred observation code, or none for the Patient's.</summary>
    public static FhirCode? Preferred(FieldDefinition field) => field.Fhir!.Codes.FirstOrDefault()?.Code;

    private static FhirIssue Missing(FieldDefinition field)
    {
        var where = field.Fhir!.Source switch
        {
            FhirSource.BirthDate => "Patient.birthDate",
            FhirSource.Gender => "Patient.gender (male or female)",
            _ => "an Observation coded " + string.Join(" or ", field.Fhir.Codes.Select(c => $"{(c.Code.System == FhirCode.Loinc ? "LOINC" : c.Code.System == FhirForm.ProjectSystem ? "HealthOracle" : c.Code.System)} {c.Code.Code}")),
        };
        return field.Required
            ? new FhirIssue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Required, $"{field.Label} is required: send {where}.") { Field = field.Name, Code = Preferred(field) }
            : new FhirIssue(OperationOutcome.IssueSeverity.Warning, OperationOutcome.IssueType.Incomplete, $"{field.Label} was not found ({where}): the model estimated without it.") { Field = field.Name, Code = Preferred(field) };
    }

    private static (double Value, string? Source) FromObservations(FieldDefinition field, PatientRecord record, DateTimeOffset now, TimeSpan maxAge, List<FhirIssue> issues)
    {
        var form = field.Fhir!;
        (double Value, DateTimeOffset When, string? Source)? best = null;
        var conflicting = false;
        var stale = 0;
        var unreadable = (string?)null;
        foreach (var recorded in record.Observations)
        {
            var observation = recorded.Observation;
            foreach (var (code, value) in Candidates(observation, form))
            {
                if (!Usable.Contains(observation.Status ?? ObservationStatus.Unknown))
                {
                    continue;
                }

                var when = EffectiveTime(observation);
                if (when is null || when < now - maxAge || when > now.AddDays(1))
                {
                    stale++;
                    continue;
                }

                var (number, problem) = ObservationValues.Read(field, code, value);
                if (problem is not null)
                {
                    unreadable ??= problem;
                    continue;
                }

                if (best is null || when > best.Value.When)
                {
                    best = (number, when.Value, recorded.Reference);
                    conflicting = false;
                }
                else if (when == best.Value.When && Math.Abs(number - best.Value.Value) > 1e-9)
                {
                    conflicting = true;
                }
            }
        }

        if (conflicting)
        {
            issues.Add(new FhirIssue(OperationOutcome.IssueSeverity.Warning, OperationOutcome.IssueType.Duplicate,
                $"{field.Label}: two observations of the same time disagree; the first sent was used.") { Field = field.Name, Code = Preferred(field) });
        }

        if (best is null && stale > 0)
        {
            issues.Add(new FhirIssue(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational,
                $"{field.Label}: {stale} observation(s) were passed over: undated, dated in the future, or older than {(int)maxAge.TotalDays} days.") { Field = field.Name, Code = Preferred(field) });
        }

        if (best is null && unreadable is not null)
        {
            issues.Add(new FhirIssue(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Value, $"{field.Label}: an observation {unreadable}.") { Field = field.Name, Code = Preferred(field) });
        }

        return best is { } found ? (found.Value, found.Source) : (double.NaN, null);
    }

    /// <summary>The observation's own value and its components' values, where their code is one of the form's.</summary>
    private static IEnumerable<(ObservationCode Code, DataType? Value)> Candidates(Observation observation, FhirForm form)
    {
        if (Match(observation.Code, form) is { } own)
        {
            yield return (own, observation.Value);
        }

        foreach (var component in observation.Component)
        {
            if (Match(component.Code, form) is { } code)
            {
                yield return (code, component.Value);
            }
        }
    }

    private static ObservationCode? Match(CodeableConcept? concept, FhirForm form) =>
        concept is null ? null : form.Codes.FirstOrDefault(c => concept.Coding.Any(coding => coding.System == c.Code.System && coding.Code == c.Code.Code));

    /// <summary>When the observation was made: effective[x] (a period's end, else its start), else when it was issued; null when undated.</summary>
    public static DateTimeOffset? EffectiveTime(Observation observation)
    {
        try
        {
            return observation.Effective switch
            {
                FhirDateTime dateTime => dateTime.ToDateTimeOffset(TimeSpan.Zero),
                Period period when (period.EndElement ?? period.StartElement) is { } end => end.ToDateTimeOffset(TimeSpan.Zero),
                Instant instant when instant.Value is { } value => value,
                _ => observation.Issued,
            };
        }
        catch (FormatException)
        {
            return observation.Issued;
        }
    }

    /// <summary>Whole years from a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD; a missing month or day is its first) to the day of <paramref name="now"/>.</summary>
    public static double AgeOn(string? birthDate, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(birthDate) || birthDate.Length < 4
            || !int.TryParse(birthDate.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year))
        {
            return double.NaN;
        }

        var month = birthDate.Length >= 7 && int.TryParse(birthDate.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 1;
        var day = birthDate.Length >= 10 && int.TryParse(birthDate.AsSpan(8, 2), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 1;
        var today = now.UtcDateTime.Date;
        var age = today.Year - year;
        if (today.Month < month || (today.Month == month && today.Day < day))
        {
            age--;
        }

        return age < 0 ? double.NaN : age;
    }
}
