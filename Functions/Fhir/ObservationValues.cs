using System.Globalization;
using System.Text.RegularExpressions;
using HealthOracle.Diseases.Fields;
using Hl7.Fhir.Model;

namespace HealthOracle.Functions.Fhir;

/// <summary>
/// An observation's value as the field's number: a quantity converted from its UCUM unit (the field's own, one of its
/// alternative units, or through the code's factor), a count, a yes/no, a coded answer or a dipstick grade written as
/// text. A value it cannot read is a message naming what would be read, never echoing what was sent.
/// </summary>
internal static partial class ObservationValues
{
    public static (double Value, string? Problem) Read(FieldDefinition field, ObservationCode code, DataType? value)
    {
        var form = field.Fhir!;
        var (number, problem) = value switch
        {
            null => (double.NaN, "has no value"),
            Quantity quantity => FromQuantity(field, code, quantity),
            Integer integer when integer.Value is { } i => (i * code.Factor, null),
            FhirBoolean boolean when boolean.Value is { } b => (b ? 1 : 0, null),
            CodeableConcept concept => FromAnswer(form, concept),
            FhirString text => FromText(form, text.Value),
            _ => (double.NaN, $"has a value of type {value.TypeName}, which this input is not read from"),
        };

        if (problem is null && form.Above is { } above)
        {
            number = number > above ? 1 : 0;
        }

        return (number, problem);
    }

    private static (double, string?) FromQuantity(FieldDefinition field, ObservationCode code, Quantity quantity)
    {
        if (quantity.Value is not { } raw)
        {
            return (double.NaN, "has a quantity without a value");
        }

        var value = (double)raw;
        var form = field.Fhir!;
        var unit = string.IsNullOrEmpty(quantity.Code) ? quantity.Unit : quantity.Code;
        if (form.Ucum is null || form.Ucum == "1")
        {
            // A count or a score: no unit, or the unity.
            return string.IsNullOrEmpty(unit) || unit is "1" || unit.StartsWith('{') ? (value * code.Factor, null) : (double.NaN, UnitProblem(field));
        }

        if (Same(unit, form.Ucum) || Same(quantity.Unit, field.Unit))
        {
            return (value * code.Factor, null);
        }

        // A factor converts a related quantity's mass concentration (urea nitrogen in mg/dl to urea); other units of it are not read.
        var alternative = code.Factor == 1 ? field.AlternativeUnits.FirstOrDefault(a => Same(unit, a.Ucum) || Same(quantity.Unit, a.Unit)) : null;
        return alternative is null ? (double.NaN, UnitProblem(field)) : (value * alternative.ToFieldUnit, null);
    }

    private static string UnitProblem(FieldDefinition field) =>
        "is in a unit this input is not read in: send " + string.Join(", ", field.AlternativeUnits.Select(a => a.Ucum).Prepend(field.Fhir!.Ucum ?? "no unit")) + " (UCUM)";

    // UCUM codes are case-sensitive, but labs write mg/dl for mg/dL: no two units an input accepts differ only in case.
    private static bool Same(string? a, string? b) => !string.IsNullOrEmpty(a) && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static (double, string?) FromAnswer(FhirForm form, CodeableConcept concept)
    {
        foreach (var coding in concept.Coding)
        {
            var answer = form.Answers.FirstOrDefault(a => a.Code.System == coding.System && a.Code.Code == coding.Code);
            if (answer is not null)
            {
                return (answer.Value, null);
            }
        }

        return concept.Text is { Length: > 0 } text ? FromText(form, text) : (double.NaN, "has an answer this input is not read from");
    }

    private static (double, string?) FromText(FhirForm form, string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (double.NaN, "has no value");
        }

        if (form.Answers.Any(a => a.Code.Code == Dipstick.Negative))
        {
            return Dipstick.Grade(text);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? (number, null) : (double.NaN, "has a text value that is not a number");
    }

    /// <summary>
    /// Dipstick grades written as text: Negative (or Neg, Nil) is 0, 1+ to 5+ (or + to +++++) their number; SNOMED CT's
    /// finding wording ("Urine glucose test = ++ (finding)", "Urine protein test negative") is read for its grade.
    /// </summary>
    private static partial class Dipstick
    {
        /// <summary>SNOMED CT's Negative: a field whose answers include it is graded like a dipstick.</summary>
        public const string Negative = "260385009";

        public static (double, string?) Grade(string text)
        {
            if (Finding().Match(text) is { Success: true } finding)
            {
                text = finding.Groups[1].Value;
            }

            if (text.Equals("negative", StringComparison.OrdinalIgnoreCase) || text.Equals("neg", StringComparison.OrdinalIgnoreCase) || text.Equals("nil", StringComparison.OrdinalIgnoreCase))
            {
                return (0, null);
            }

            if (NumberPlus().Match(text) is { Success: true } numbered)
            {
                return (numbered.Groups[1].ValueSpan[0] - '0', null);
            }

            return text.Length <= 5 && text.All(c => c == '+') ? (text.Length, null) : (double.NaN, "has a dipstick grade this input is not read from (Negative, 1+ to 5+)");
        }

        [GeneratedRegex("^([1-5])\\s*\\+$")]
        private static partial Regex NumberPlus();

        [GeneratedRegex("^urine [a-z]+ test(?: = | )(.+?)(?: \\(finding\\))?$", RegexOptions.IgnoreCase)]
        private static partial Regex Finding();
    }
}
