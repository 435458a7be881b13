using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>
/// Reads one patient from a posted form (the original app's forms, the site's no-JavaScript post).
/// Forms carry buttons and anti-forgery tokens, so fields that are not the disease's are ignored; a
/// blank input is an omitted value. A person types here: a decimal comma is read as such
/// (<see cref="FieldRules.TryParseTyped"/>), and <c>{field}.unit</c> names the unit a value was typed in
/// (the field's own or one of its <see cref="FieldDefinition.AlternativeUnits"/>), converted with its exact factor.
/// </summary>
internal static class FormPatientReader
{
    public const string UnitSuffix = ".unit";

    public static (PatientBatch? Batch, Problem? Problem) Read(DiseaseDefinition disease, IFormCollection form)
    {
        var errors = new Errors();
        var fields = disease.Fields;
        var row = new double[fields.Count];
        row.AsSpan().Fill(double.NaN);
        var given = new int[fields.Count];
        var units = ReadUnits(disease, form, errors);
        foreach (var (name, values) in form)
        {
            var index = FieldRules.IndexOf(disease, name);
            if (index < 0)
            {
                continue;
            }

            var field = fields[index];
            given[index] += values.Count;
            if (given[index] > 1)
            {
                errors.Add(field.Name, Errors.Duplicated);
                continue;
            }

            var text = values.ToString().AsSpan().Trim();
            if (text.IsEmpty)
            {
                given[index] = 0;
                continue;
            }

            var unit = units[index];
            var factor = unit?.ToFieldUnit ?? 1;
            var message = FieldRules.TryParseTyped(field, text, factor, out var typed, out var ambiguity) ? ambiguity : FieldRules.NotANumber;
            var value = double.NaN;
            message ??= FieldRules.Accept(field, FieldRules.Converted(field, typed, factor), out value);
            if (message is null)
            {
                row[index] = value;
            }
            else
            {
                errors.Add(field.Name, unit is not null && message != FieldRules.NotANumber && message != FieldRules.AmbiguousComma
                    ? FieldRules.InUnit(message, unit, field)
                    : message);
            }
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Required && given[i] == 0)
            {
                errors.Add(fields[i].Name, FieldRules.Required);
            }
        }

        if (!errors.Any)
        {
            FieldRules.CheckCrossField(disease, row, string.Empty, errors);
        }

        return errors.Any
            ? (null, Problems.Invalid(PredictionBody.InvalidType, errors))
            : (new PatientBatch(row, 1, row.Length, isArray: false) { TypedUnits = units.Any(u => u is not null) ? units.Select(u => u?.Unit).ToArray() : null }, null);
    }

    /// <summary>The unit each field was typed in: null for the field's own (or none given).</summary>
    private static AlternativeUnit?[] ReadUnits(DiseaseDefinition disease, IFormCollection form, Errors errors)
    {
        var units = new AlternativeUnit?[disease.Fields.Count];
        foreach (var (name, values) in form)
        {
            var index = name.EndsWith(UnitSuffix, StringComparison.Ordinal) ? FieldRules.IndexOf(disease, name[..^UnitSuffix.Length]) : -1;
            if (index < 0)
            {
                continue;
            }

            var field = disease.Fields[index];
            var text = values.ToString().Trim();
            if (values.Count > 1)
            {
                errors.Add(field.Name + UnitSuffix, Errors.Duplicated);
            }
            else if (text.Length > 0)
            {
                units[index] = FieldRules.UnitOf(field, text, out var known);
                if (!known)
                {
                    errors.Add(field.Name + UnitSuffix, FieldRules.UnknownUnit(field));
                }
            }
        }

        return units;
    }
}
