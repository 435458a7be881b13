using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Predictions.WhatIf;

/// <summary>
/// Reads <c>{ "patient": { … }, "changes": { … } }</c> through the one pipeline, with the patients' own reader: the
/// patient as a prediction's body, the changes as some of its fields; messages keyed <c>patient.&lt;field&gt;</c> or
/// <c>changes.&lt;field&gt;</c>. The answer is the patient and the changed patient, as a batch of two.
/// </summary>
internal static class WhatIfReader
{
    public static ProblemType InvalidType => ProblemTypes.InvalidWhatIf;
    private const string Patient = "patient";
    private const string Changes = "changes";
    private const string Shape = "{ \"patient\": { … }, \"changes\": { … } }";

    /// <summary>A what-if form's changed values are named <c>whatif.{field}</c>, beside the patient's own fields.</summary>
    public const string FormPrefix = "whatif.";

    /// <summary>The unit a changed value is in, <c>whatif.{field}.unit</c> (one of the field's units; absent: the field's own).</summary>
    public static string UnitName(string field) => FormPrefix + field + FormPatientReader.UnitSuffix;

    public static BodyRules Rules { get; } = new(PredictionBody.MaxPatientBytes, 0, $"Send {Shape} as JSON.", InvalidType);

    public static async ValueTask<(WhatIfQuestion? Question, Problem? Problem)> ReadAsync(DiseaseDefinition disease, HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodyReader.ReadAsync(request, Rules, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        using (body)
        {
            return Read(disease, body.Json);
        }
    }

    /// <summary>
    /// A what-if posted as a form (the site's result page): the patient's own fields as a prediction's form, and the
    /// changed values as <c>whatif.{field}</c> in the field's own unit or the one <c>whatif.{field}.unit</c> names (the site's
    /// slider is in the unit the person typed), typed as a person types, converted by the definition's exact factor; a
    /// value equal to the patient's is no change. Errors are keyed by the field's name, as the form shows them.
    /// </summary>
    public static (WhatIfQuestion? Question, Problem? Problem) Read(DiseaseDefinition disease, IFormCollection form)
    {
        var (patient, problem) = FormPatientReader.Read(disease, form);
        if (patient is null)
        {
            return (null, problem);
        }

        var n = disease.Fields.Count;
        var after = patient.Values.ToArray();
        ulong changed = 0;
        var errors = new Errors();
        for (var f = 0; f < n; f++)
        {
            var field = disease.Fields[f];
            if (!form.TryGetValue(FormPrefix + field.Name, out var values) || values.ToString().Trim() is not { Length: > 0 } text)
            {
                continue;
            }

            var value = double.NaN;
            var message = !field.Changeable ? "cannot be changed in a what-if."
                : values.Count > 1 ? Errors.Duplicated
                : ReadChange(field, text, form, out value);
            if (message is not null)
            {
                errors.Add(field.Name, message);
            }
            else if (!value.Equals(after[f]))
            {
                after[f] = value;
                changed |= 1UL << f;
            }
        }

        foreach (var rule in disease.Rules)
        {
            var (field, limit) = (FieldRules.IndexOf(disease, rule.Field), FieldRules.IndexOf(disease, rule.Limit));
            if (!errors.Any && ((changed & (1UL << field)) != 0 || (changed & (1UL << limit)) != 0) && rule.IsBrokenBy(after, field, limit))
            {
                errors.Add(rule.Field, rule.Message);
            }
        }

        return errors.Any
            ? (null, Problems.Invalid(InvalidType, errors))
            : (new WhatIfQuestion(new PatientBatch([.. patient.Values, .. after], 2, n, isArray: true) { TypedUnits = patient.TypedUnits }, changed), null);
    }

    /// <summary>One changed value as typed, in its <c>whatif.{field}.unit</c> (absent: the field's own); null when accepted.</summary>
    private static string? ReadChange(FieldDefinition field, string text, IFormCollection form, out double value)
    {
        value = double.NaN;
        AlternativeUnit? unit = null;
        if (form.TryGetValue(UnitName(field.Name), out var named) && named.ToString().Trim() is { Length: > 0 } name)
        {
            if (named.Count > 1)
            {
                return Errors.Duplicated;
            }

            unit = FieldRules.UnitOf(field, name, out var known);
            if (!known)
            {
                return FieldRules.UnknownUnit(field);
            }
        }

        var factor = unit?.ToFieldUnit ?? 1;
        if (!FieldRules.TryParseTyped(field, text, factor, out var typed, out var ambiguity))
        {
            return FieldRules.NotANumber;
        }

        var refused = ambiguity ?? FieldRules.Accept(field, FieldRules.Converted(field, typed, factor), out value);
        return refused is not null && unit is not null && refused != FieldRules.AmbiguousComma ? FieldRules.InUnit(refused, unit, field) : refused;
    }

    public static (WhatIfQuestion? Question, Problem? Problem) Read(DiseaseDefinition disease, ReadOnlySpan<byte> json)
    {
        var n = disease.Fields.Count;
        var (patient, changes) = (new double[n], new double[n]);
        bool hasPatient = false, hasChanges = false;
        ulong changed = 0;
        var errors = new Errors();
        var reader = new Utf8JsonReader(json, JsonText.ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, Problems.Malformed($"The body must be a JSON object: {Shape}."));
            }

            while (!errors.Full && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JsonText.Unescapes(ref reader) ? reader.GetString()! : null;
                reader.Read();
                if (name is Patient or Changes && ((name == Patient && hasPatient) || (name == Changes && hasChanges)))
                {
                    errors.Add(name, Errors.Duplicated);
                    reader.Skip();
                }
                else if (name is Patient or Changes && reader.TokenType != JsonTokenType.StartObject)
                {
                    errors.Add(name, "must be given once, as a JSON object.");
                    (hasPatient, hasChanges) = (hasPatient || name == Patient, hasChanges || name == Changes);
                    reader.Skip();
                }
                else if (name == Patient)
                {
                    hasPatient = true;
                    JsonPatientReader.ReadPatient(ref reader, disease, patient, "patient.", errors, partial: false);
                }
                else if (name == Changes)
                {
                    hasChanges = true;
                    changed = JsonPatientReader.ReadPatient(ref reader, disease, changes, "changes.", errors, partial: true);
                }
                else
                {
                    errors.Add(errors.Listing ? JsonText.Echo(name ?? "(a name that is not valid text)") : string.Empty, $"is not part of a what-if: send {Shape}.");
                    reader.Skip();
                }
            }

            if (!errors.Full)
            {
                while (reader.Read())
                {
                }
            }
        }
        catch (JsonException e)
        {
            return (null, Problems.Malformed(JsonText.Malformed(e)));
        }

        if (!hasPatient)
        {
            errors.Add(Patient, $"is required: the patient's values, as for POST /api/predict/{disease.Key}.");
        }

        if (hasChanges && changed == 0 && !errors.Any)
        {
            errors.Add(Changes, "must be an object naming at least one field and its new value.");
        }
        else if (!hasChanges)
        {
            errors.Add(Changes, "must be an object naming at least one field and its new value.");
        }

        if (errors.Any)
        {
            return (null, Problems.Invalid(InvalidType, errors));
        }

        var after = (double[])patient.Clone();
        for (var f = 0; f < n; f++)
        {
            if ((changed & (1UL << f)) != 0)
            {
                after[f] = changes[f];
            }
        }

        // The changed patient must be a valid patient too; a rule it breaks is the changes' (the patient's own were read).
        foreach (var rule in disease.Rules)
        {
            var (field, limit) = (FieldRules.IndexOf(disease, rule.Field), FieldRules.IndexOf(disease, rule.Limit));
            if (((changed & (1UL << field)) != 0 || (changed & (1UL << limit)) != 0) && rule.IsBrokenBy(after, field, limit))
            {
                errors.Add("changes." + rule.Field, rule.Message);
            }
        }

        return errors.Any
            ? (null, Problems.Invalid(InvalidType, errors))
            : (new WhatIfQuestion(new PatientBatch([.. patient, .. after], 2, n, isArray: true), changed), null);
    }
}

/// <summary>A what-if as read: the patient and the changed patient (rows 0 and 1), and which fields changed (bits).</summary>
internal sealed record WhatIfQuestion(PatientBatch Pair, ulong Changed)
{
    /// <summary>The changed fields and their new values (null: left out), in field order.</summary>
    public IReadOnlyDictionary<string, double?> Changes(DiseaseDefinition disease) => Enumerable.Range(0, disease.Fields.Count)
        .Where(f => (Changed & (1UL << f)) != 0)
        .ToDictionary(f => disease.Fields[f].Name, f => double.IsNaN(Pair.Value(1, f)) ? (double?)null : Pair.Value(1, f), StringComparer.Ordinal);
}
