using System.Globalization;
using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Predictions.Requests;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// A disease's patient as a JSON Schema, from the same definition the request readers validate against
/// (<see cref="FieldRules"/>): each field's type, unit, inclusive range, codes and whether it may be omitted.
/// Rules across fields cannot be said in JSON Schema: the description says them, and <see cref="RulesExtension"/> lists
/// them for programs (both values in the field's own unit).
/// </summary>
internal static class PatientSchema
{
    /// <summary>The patient's rules across fields: <c>[{"field": a, "notMoreThan": b}]</c>, a ≤ b once both are in their own units.</summary>
    public const string RulesExtension = "x-rules";

    /// <param name="closed">JSON: a name that is not a field is refused. A form may carry other inputs (buttons, tokens), which are ignored.</param>
    public static JsonObject For(DiseaseDefinition disease, bool closed)
    {
        var properties = new JsonObject();
        foreach (var field in disease.Fields)
        {
            properties[field.Name] = Field(field, json: closed);
            if (!closed && field.AlternativeUnits.Count > 0)
            {
                properties[field.Name + FormPatientReader.UnitSuffix] = UnitChoice(field);
            }
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["title"] = $"{disease.DisplayName}: one patient",
            ["description"] = Description(disease, closed),
            ["required"] = new JsonArray(disease.Fields.Where(f => f.Required).Select(f => (JsonNode)f.Name).ToArray()),
            ["properties"] = properties,
        };
        if (closed)
        {
            schema["additionalProperties"] = false;
        }

        if (disease.Rules.Count > 0)
        {
            schema[RulesExtension] = new JsonArray(disease.Rules.Select(r => (JsonNode)new JsonObject { ["field"] = r.Field, ["notMoreThan"] = r.Limit }).ToArray());
        }

        return schema;
    }

    /// <summary>A what-if's <c>changes</c>: any of the patient's fields with a new value (null: an optional field not measured), at least one.</summary>
    public static JsonObject Changes(DiseaseDefinition disease)
    {
        var properties = new JsonObject();
        foreach (var field in disease.Fields)
        {
            properties[field.Name] = Field(field, json: true);
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["title"] = $"{disease.DisplayName}: changed values",
            ["description"] = "The fields to change and their new values, by the same names and rules as the patient. The changed patient is validated " +
                "as a whole: a rule across fields that a change breaks is the change's error (`changes.<field>`).",
            ["minProperties"] = 1,
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    /// <param name="json">
    /// In JSON a field with alternative units also takes <c>{"value": …, "unit": …}</c> in any of them (a form names
    /// the unit in <c>{field}.unit</c> instead).
    /// </param>
    private static JsonObject Field(FieldDefinition field, bool json = false)
    {
        var schema = new JsonObject
        {
            ["title"] = field.Label,
            ["description"] = FieldDescription(field, json),
        };
        if (json && field.AlternativeUnits.Count > 0 && field.Kind != FieldKind.Code)
        {
            var choices = new JsonArray(Number(field, null), WithUnit(field));
            if (!field.Required)
            {
                choices.Add(new JsonObject { ["type"] = "null" });
            }

            schema["anyOf"] = choices;
            schema["x-unit"] = field.Unit;
            return schema;
        }

        var type = field.Kind == FieldKind.Number ? "number" : "integer";
        schema["type"] = field.Required ? type : new JsonArray(type, "null");
        if (field.Kind == FieldKind.Code)
        {
            var codes = new JsonArray(field.Codes!.Select(c => (JsonNode)c.Value).ToArray());
            if (!field.Required)
            {
                codes.Add(null);
            }

            schema["enum"] = codes;
        }
        else if (field.ZeroMeansNotMeasured)
        {
            // The original form's 0 for "not measured" is read as an omitted value (FieldRules).
            schema["anyOf"] = new JsonArray(
                new JsonObject { ["minimum"] = field.Min, ["maximum"] = field.Max },
                new JsonObject { ["const"] = 0, ["description"] = "Not measured (the original form's 0)." });
        }
        else
        {
            schema["minimum"] = field.Min;
            schema["maximum"] = field.Max;
        }

        if (field.Unit is { Length: > 0 } unit)
        {
            schema["x-unit"] = unit;
        }

        return schema;
    }

    /// <summary>A number in <paramref name="unit"/> (null: the field's own), within the range in that unit; 0 too where it means not measured.</summary>
    private static JsonObject Number(FieldDefinition field, AlternativeUnit? unit)
    {
        var (min, max) = unit is null ? (field.Min, field.Max) : FieldRules.RangeIn(field, unit);
        var type = field.Kind == FieldKind.Number ? "number" : "integer";
        return field.ZeroMeansNotMeasured
            ? new JsonObject
            {
                ["type"] = type,
                ["anyOf"] = new JsonArray(new JsonObject { ["minimum"] = min, ["maximum"] = max }, new JsonObject { ["const"] = 0, ["description"] = "Not measured (the original form's 0)." }),
            }
            : new JsonObject { ["type"] = type, ["minimum"] = min, ["maximum"] = max };
    }

    /// <summary><c>{"value": …, "unit": …}</c> in the field's unit or an alternative (ASCII spellings too), each with its range in that unit.</summary>
    private static JsonObject WithUnit(FieldDefinition field)
    {
        var units = field.AlternativeUnits.Select(u => (Unit: (AlternativeUnit?)u, Name: u.Unit)).Prepend((null, field.Unit!)).ToList();
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = $"The value in a unit of your choice; it is converted exactly to {field.Unit} and kept at the precision given.",
            ["required"] = new JsonArray("value", "unit"),
            ["properties"] = new JsonObject
            {
                ["value"] = new JsonObject { ["type"] = "number" },
                ["unit"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(units.SelectMany(u => FieldRules.Spellings(u.Name)).Select(s => (JsonNode)s).ToArray()) },
            },
            ["additionalProperties"] = false,
            ["oneOf"] = new JsonArray(units.Select(u => (JsonNode)new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["unit"] = new JsonObject { ["enum"] = new JsonArray(FieldRules.Spellings(u.Name).Select(s => (JsonNode)s).ToArray()) },
                    ["value"] = Number(field, u.Unit),
                },
            }).ToArray()),
        };
    }

    /// <summary>A form's <c>{field}.unit</c>: the unit the value was typed in; the API converts it with the definition's exact factor.</summary>
    private static JsonObject UnitChoice(FieldDefinition field) => new()
    {
        ["type"] = "string",
        ["title"] = $"{field.Label}: unit",
        ["description"] = $"The unit `{field.Name}` was typed in (default {field.Unit}); the value is converted exactly to {field.Unit}.",
        ["enum"] = new JsonArray(field.AlternativeUnits.Select(u => u.Unit).Prepend(field.Unit!).SelectMany(FieldRules.Spellings).Select(s => (JsonNode)s).ToArray()),
    };

    private static string FieldDescription(FieldDefinition field, bool json)
    {
        var text = field.Description;
        if (field.Kind == FieldKind.Code)
        {
            text += " Codes: " + string.Join("; ", field.Codes!.Select(c => $"{c.Value} = {c.Label}")) + ".";
        }
        else
        {
            var whole = field.Kind == FieldKind.Integer ? "a whole number " : "";
            text += field.Unit is { Length: > 0 } unit
                ? $" In {unit}: {whole}from {Format(field.Min)} to {Format(field.Max)}."
                : $" {(whole.Length > 0 ? "A whole number f" : "F")}rom {Format(field.Min)} to {Format(field.Max)}.";
            if (field.AlternativeUnits.Count > 0)
            {
                var factors = string.Join("; ", field.AlternativeUnits.Select(u => $"{u.Unit} × {Format(u.ToFieldUnit)}"));
                text += json
                    ? $" Or send {{\"value\": …, \"unit\": …}} in another unit ({factors}; ASCII `u` for `µ` too): converted exactly, kept at the precision given."
                    : $" Other units, with `{field.Name}{FormPatientReader.UnitSuffix}`: {factors}.";
            }
        }

        if (field.ZeroMeansNotMeasured)
        {
            text += " 0 means not measured, as on the original form.";
        }

        return field.Required ? text : text + " May be omitted (or null) when not measured; the model then imputes it.";
    }

    private static string Description(DiseaseDefinition disease, bool closed)
    {
        var text = $"The values of one patient for the {disease.DisplayName.ToLowerInvariant()} estimate, by the original form's snake_case names.";
        text += closed
            ? " A name that is not a field is refused (400). (The camelCase form of a name is also read, for older clients; this contract names the snake_case form.)"
            : " Other inputs of the form (buttons, tokens) are ignored; a blank input is an omitted value. A number may use a decimal comma. " +
              "`{field}.unit` names the unit a lab value was typed in, where the field has alternative units.";
        foreach (var rule in disease.Rules)
        {
            text += $" Checked across fields: {rule.Field} {rule.Message}";
        }

        return text;
    }

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
