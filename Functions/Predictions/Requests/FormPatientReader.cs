using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>
/// Reads one patient from a posted form (the original app's forms, the site's no-JavaScript post).
/// Forms carry buttons and anti-forgery tokens, so fields that are not the disease's are ignored; a
/// blank input is an omitted value.
/// </summary>
internal static class FormPatientReader
{
    public static (PatientBatch? Batch, Problem? Problem) Read(DiseaseDefinition disease, IFormCollection form)
    {
        var errors = new Errors();
        var fields = disease.Fields;
        var row = new double[fields.Count];
        row.AsSpan().Fill(double.NaN);
        var given = new int[fields.Count];
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
                errors.Add(field.Name, FieldRules.Duplicated);
                continue;
            }

            var text = values.ToString().AsSpan().Trim();
            if (text.IsEmpty)
            {
                given[index] = 0;
                continue;
            }

            var message = FieldRules.TryParse(text, out var value) ? FieldRules.Check(field, value) : FieldRules.NotANumber;
            if (message is null)
            {
                row[index] = value;
            }
            else
            {
                errors.Add(field.Name, message);
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

        return errors.Any ? (null, RequestProblems.Invalid(errors)) : (new PatientBatch(row, 1, row.Length, isArray: false), null);
    }
}
