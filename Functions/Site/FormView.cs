using System.Globalization;
using System.Text;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Predictions.Requests;

namespace HealthOracle.Functions.Site;

/// <summary>What a form shows besides its fields: the values as typed and the server's messages, by field name.</summary>
/// <param name="Typed">The posted values by name (a field, or <c>{field}.unit</c>); empty for a fresh form.</param>
/// <param name="Errors">The server's messages by field name (or <c>{field}.unit</c>); others are shown in the summary only.</param>
/// <param name="General">A message about the whole request (a model that cannot load, a body that cannot be read), or null.</param>
internal sealed record FormState(IReadOnlyDictionary<string, string> Typed, IReadOnlyDictionary<string, string[]> Errors, string? General = null)
{
    public static FormState Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string[]>());

    public bool HasErrors => Errors.Count > 0 || General is not null;
}

/// <summary>
/// A disease's form, from its definition: each field with its label, hint and accepted range (in every unit a lab
/// prints it in), its unit choice, the value typed (an echo capped at <see cref="MaxEchoedChars"/>), the server's message
/// beside it and in a summary that links to it (the GOV.UK pattern), and the soft checks the page's script
/// shows as values change. Numbers are text inputs with a numeric keyboard: a number input turns a decimal comma
/// into a thousands separator (0,9 into 9) before anyone can see it.
/// </summary>
internal static class FormView
{
    /// <summary>Messages listed in the summary; the page stays small (16 KB) whatever a form post carries.</summary>
    public const int MaxSummaryItems = 5;

    /// <summary>The longest value echoed back into a field: far longer than any number a field accepts.</summary>
    public const int MaxEchoedChars = 24;

    public static void Append(StringBuilder page, SiteLinks links, DiseaseDefinition disease, FormState state)
    {
        var path = $"/api/pages/predict/{disease.Key}";
        page.Append("<form id=\"predict-form\" class=\"predict-form\" method=\"post\" novalidate data-enhance=\"predict\"")
            .Attr("action", links.Api(path)).Attr("data-api-path", path).Attr("data-disease", disease.Key).Append(" aria-labelledby=\"form-heading\">");
        AppendSummary(page, disease, state);
        if (!state.HasErrors)
        {
            // Not on a refused form: an error answer stays under 16 KB, and its fields keep the units they were posted in.
            AppendUnitSystem(page, disease);
        }

        page.Append("<div id=\"fields\" class=\"fields\">");
        foreach (var field in disease.Fields)
        {
            AppendField(page, disease, field, state);
        }

        page.Append("</div>")
            .Append("<p class=\"save-choice\" hidden><label><input type=\"checkbox\" name=\"save-to-history\" checked> Save this result to my history</label></p>")
            .Append("<div class=\"actions\"><button type=\"submit\" class=\"button\">Check the risk</button></div></form>");
    }

    /// <summary>The field's message in people's words: its label first, other fields named by their labels, never by wire name.</summary>
    public static string Message(DiseaseDefinition disease, string key, string message)
    {
        var unit = key.EndsWith(FormPatientReader.UnitSuffix, StringComparison.Ordinal);
        var field = disease.Find(unit ? key[..^FormPatientReader.UnitSuffix.Length] : key);
        foreach (var other in disease.Fields.OrderByDescending(f => f.Name.Length))
        {
            message = message.Replace(other.Name, LowerFirst(other.Label), StringComparison.Ordinal);
        }

        var label = field is null ? JsonText.Echo(key) : unit ? field.Label + " unit" : field.Label;
        return message.Length > 0 && char.IsLower(message[0]) ? $"{label} {message}" : message;
    }

    private static void AppendSummary(StringBuilder page, DiseaseDefinition disease, FormState state)
    {
        if (!state.HasErrors)
        {
            page.Append("<div id=\"error-summary\" class=\"error-summary\" tabindex=\"-1\" hidden></div>");
            return;
        }

        page.Append("<div id=\"error-summary\" class=\"error-summary\" tabindex=\"-1\" role=\"alert\" data-focus><h2>There is a problem</h2><ul>");
        if (state.General is { } general)
        {
            page.Append("<li>").Text(general).Append("</li>");
        }

        var listed = 0;
        foreach (var (key, messages) in state.Errors)
        {
            if (++listed > MaxSummaryItems)
            {
                // Bounded like every error answer: the rest are beside their fields (or were never for a field of this form).
                page.Append("<li>").Text($"{state.Errors.Count - MaxSummaryItems} more problems are marked beside their fields.").Append("</li>");
                break;
            }

            var field = FieldOf(disease, key);
            var text = string.Join(" ", messages.Select(m => Message(disease, key, m)));
            if (field is not null && key == field.Name && DidYouMean(field, state) is { } hint)
            {
                text += " " + hint;
            }

            page.Append("<li>");
            if (field is null)
            {
                page.Text(text);
            }
            else
            {
                page.Append("<a").Attr("href", "#f-" + field.Name).Append('>').Text(text).Append("</a>");
            }

            page.Append("</li>");
        }

        page.Append("</ul></div>");
    }

    private static void AppendField(StringBuilder page, DiseaseDefinition disease, FieldDefinition field, FormState state)
    {
        var id = "f-" + field.Name;
        var units = field.Kind != FieldKind.Code && field.AlternativeUnits.Count > 0;
        var errors = ErrorsOf(disease, field, state);
        page.Append("<div class=\"field").Append(errors is null ? "" : " has-error").Append('"').Attr("data-field", field.Name).Append('>')
            .Append("<label").Attr("for", id).Append('>').Text(field.Label);
        if (field.Unit is { } unitName && !units && field.Kind != FieldKind.Code)
        {
            page.Append("<span class=\"unit\"> (").Text(unitName).Append(")</span>");
        }

        if (!field.Required)
        {
            page.Append("<span class=\"optional\"> — optional</span>");
        }

        page.Append("</label><p class=\"hint\"").Attr("id", id + "-hint").Append('>').Text(Hint(field)).Append("</p>");
        if (errors is not null)
        {
            page.Append("<p class=\"error\"").Attr("id", id + "-error").Append("><span class=\"visually-hidden\">Error: </span>").Text(errors).Append("</p>");
        }

        var describedBy = errors is null ? id + "-hint" : $"{id}-hint {id}-error";
        var typed = state.Typed.GetValueOrDefault(field.Name);
        if (units)
        {
            page.Append("<div class=\"with-unit\">");
        }

        if (field.Kind == FieldKind.Code)
        {
            page.Append("<select").Attr("id", id).Attr("name", field.Name).Append(field.Required ? " required" : "").Attr("aria-describedby", describedBy)
                .Append(" data-kind=\"code\"").Append(errors is null ? "" : " aria-invalid=\"true\"").Append("><option value=\"\">Choose…</option>");
            foreach (var code in field.Codes!)
            {
                var value = code.Value.ToString(CultureInfo.InvariantCulture);
                page.Append("<option").Attr("value", value).Append(typed == value ? " selected" : "").Append('>').Text(code.Label).Append("</option>");
            }

            page.Append("</select>");
        }
        else
        {
            page.Append("<input").Attr("id", id).Attr("name", field.Name).Append(field.Required ? " required" : "").Attr("aria-describedby", describedBy)
                .Attr("data-kind", field.Kind == FieldKind.Integer ? "integer" : "number")
                .Append(" type=\"text\"").Attr("inputmode", field.Kind == FieldKind.Integer ? "numeric" : "decimal")
                .Append(" autocomplete=\"off\"").Append(errors is null ? "" : " aria-invalid=\"true\"")
                .Attr("value", typed is null ? null : Echo(typed)).Append('>');
        }

        if (units)
        {
            var chosen = state.Typed.GetValueOrDefault(field.Name + FormPatientReader.UnitSuffix);
            page.Append("<label class=\"visually-hidden\"").Attr("for", id + "-unit").Append('>').Text(field.Label).Append(": unit</label>")
                .Append("<select class=\"unit-select\"").Attr("id", id + "-unit").Attr("name", field.Name + FormPatientReader.UnitSuffix).Attr("data-unit-for", field.Name).Append('>')
                .Append("<option").Attr("value", field.Unit).Append(" data-factor=\"1\">").Text(field.Unit).Append("</option>");
            foreach (var unit in field.AlternativeUnits)
            {
                page.Append("<option").Attr("value", unit.Unit).Attr("data-factor", unit.ToFieldUnit)
                    .Append(string.Equals(chosen, unit.Unit, StringComparison.OrdinalIgnoreCase) ? " selected" : "").Append('>').Text(unit.Unit).Append("</option>");
            }

            page.Append("</select></div>");
        }

        AppendChecks(page, disease, field);
        page.Append("</div>");
    }

    /// <summary>
    /// The soft checks about this field, hidden: the page's script shows one when its conditions (in the fields'
    /// units) hold for the values typed, and fills in the suggested value. The answer repeats them in any case.
    /// </summary>
    private static void AppendChecks(StringBuilder page, DiseaseDefinition disease, FieldDefinition field)
    {
        var count = 0;
        foreach (var check in disease.Plausibility.Where(c => c.Field == field.Name))
        {
            var id = ++count == 1 ? $"f-{field.Name}-warning" : $"f-{field.Name}-warning-{count}";
            var when = string.Join(";", check.When.Select(c =>
                $"{c.Field} {(c.Comparison == Comparison.AtLeast ? ">=" : "<")} {c.Value.ToString("R", CultureInfo.InvariantCulture)}{(c.TimesField is null ? "" : " * " + c.TimesField)}"));
            page.Append("<div class=\"warning\" hidden").Attr("id", id).Attr("data-when", when);
            if (check.SuggestFactor is { } factor)
            {
                page.Attr("data-suggest-factor", factor);
            }

            page.Append("><p>Please check: ").Text(check.Message).Append("</p>");
            if (check.SuggestFactor is not null)
            {
                var unit = field.Unit is null ? "" : " " + field.Unit;
                page.Append("<p>Did you mean <span data-suggested></span>").Text(unit).Append("?</p>")
                    .Append("<button type=\"button\" class=\"button secondary\">Use <span data-suggested></span>").Text(unit).Append("</button>");
            }

            page.Append("</div>");
        }
    }

    private static string Echo(string typed) => typed.Length <= MaxEchoedChars ? typed : string.Concat(typed.AsSpan(0, MaxEchoedChars), "…");

    private static string Hint(FieldDefinition field) => field.Kind == FieldKind.Code
        ? field.Description
        : $"{field.Description} {ValueText.Range(field)}." + (field.ZeroMeansNotMeasured ? " Leave it empty, or type 0, if it was not measured." : "");

    private static string? ErrorsOf(DiseaseDefinition disease, FieldDefinition field, FormState state)
    {
        var messages = state.Errors.Where(e => FieldOf(disease, e.Key) == field).SelectMany(e => e.Value.Select(m => Message(disease, e.Key, m))).ToArray();
        return messages.Length == 0 ? null : string.Join(" ", DidYouMean(field, state) is { } hint ? [.. messages, hint] : messages);
    }

    /// <summary>
    /// "Did you mean 5.2 mmol/l?": the value typed is out of range in the unit chosen and in range in another of the
    /// field's units (a lab value copied from a report in the other unit). Only ever a question: nothing is changed.
    /// </summary>
    public static string? DidYouMean(FieldDefinition field, FormState state)
    {
        if (field.AlternativeUnits.Count == 0 || !state.Errors.ContainsKey(field.Name) || state.Typed.GetValueOrDefault(field.Name) is not { } typed
            || !FieldRules.TryParseTyped(field, typed, 1, out var value, out _) || !double.IsFinite(value))
        {
            return null;
        }

        var chosen = state.Typed.GetValueOrDefault(field.Name + FormPatientReader.UnitSuffix);
        var units = field.AlternativeUnits.Select(u => (u.Unit, Factor: u.ToFieldUnit)).Prepend((Unit: field.Unit ?? "", Factor: 1.0)).ToArray();
        var (chosenUnit, chosenFactor) = units.FirstOrDefault(u => string.Equals(u.Unit, chosen, StringComparison.OrdinalIgnoreCase)) is { Unit: not null } found ? found : units[0];
        if (FieldRules.Check(field, value * chosenFactor) is null)
        {
            return null;
        }

        var plausible = units.Where(u => u.Unit != chosenUnit && FieldRules.Check(field, value * u.Factor) is null).Select(u => u.Unit).ToArray();
        return plausible.Length == 0 ? null : $"Did you mean {ValueText.Number(value)} {string.Join(" or ", plausible)}?";
    }

    /// <summary>
    /// The page-wide choice of units for lab values (conventional or SI), shown by the page's script, which remembers it
    /// on this device and sets every unit choice by it; without the script each field's own unit choice is there.
    /// </summary>
    private static void AppendUnitSystem(StringBuilder page, DiseaseDefinition disease)
    {
        var fields = disease.Fields.Where(f => f.Kind != FieldKind.Code && f.AlternativeUnits.Count > 0).ToArray();
        if (fields.Length == 0)
        {
            return;
        }

        var conventional = string.Join(", ", fields.Select(f => f.Unit).Distinct());
        var si = string.Join(", ", fields.Select(f => f.AlternativeUnits[0].Unit).Distinct());
        page.Append("<div class=\"field unit-system\" data-needs-script hidden><label for=\"unit-system\">Units of your lab values</label>")
            .Append("<p class=\"hint\" id=\"unit-system-hint\">Remembered on this device for every test and your saved results. Values already typed are converted.</p>")
            .Append("<select id=\"unit-system\" aria-describedby=\"unit-system-hint\"><option value=\"conventional\">").Text($"Conventional ({conventional})")
            .Append("</option><option value=\"si\">").Text($"SI ({si})").Append("</option></select></div>");
    }

    private static FieldDefinition? FieldOf(DiseaseDefinition disease, string key) =>
        disease.Find(key.EndsWith(FormPatientReader.UnitSuffix, StringComparison.Ordinal) ? key[..^FormPatientReader.UnitSuffix.Length] : key);

    private static string LowerFirst(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && char.IsLower(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;
}
