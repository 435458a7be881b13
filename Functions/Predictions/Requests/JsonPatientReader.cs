using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using System.Text;
using System.Text.Json;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>
/// Reads one patient (a JSON object) or a batch (a JSON array of objects) with <see cref="Utf8JsonReader"/> from a
/// body the pipeline has read and checked as UTF-8 (<see cref="RequestBodyReader"/>): no intermediate DOM, and every
/// property is seen, so a field named twice (in either spelling) and unknown names are caught, as on every route.
/// </summary>
internal static class JsonPatientReader
{
    public const int MaxBatch = 1000;

    /// <summary>The longest wire name a field has is far below this; a longer name is no field.</summary>
    private const int MaxNameChars = 64;

    /// <returns>The patients, or the problem that names every offending field (up to <see cref="Errors.MaxListed"/>).</returns>
    public static (PatientBatch? Batch, Problem? Problem) Read(DiseaseDefinition disease, ReadOnlySpan<byte> json)
    {
        var errors = new Errors();
        var reader = new Utf8JsonReader(json, JsonText.ReaderOptions);
        try
        {
            reader.Read();
            PatientBatch batch;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var row = new double[disease.Fields.Count];
                ReadPatient(ref reader, disease, row, string.Empty, errors, partial: false);
                batch = new PatientBatch(row, 1, row.Length, isArray: false);
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                var values = new List<double>(disease.Fields.Count * 8);
                var count = ReadArray(ref reader, disease, values, errors);
                batch = new PatientBatch(values.ToArray(), count, disease.Fields.Count, isArray: true);
            }
            else
            {
                return (null, Problems.Malformed("The body must be a JSON object (one patient) or a JSON array of objects (a batch)."));
            }

            if (errors.Full)
            {
                // Hopeless: the rest of the body is not read.
                return (null, Problems.Invalid(PredictionBody.InvalidType, errors));
            }

            // Anything after the value is malformed; the reader throws on it.
            while (reader.Read())
            {
            }

            return errors.Any ? (null, Problems.Invalid(PredictionBody.InvalidType, errors)) : (batch, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Malformed(JsonText.Malformed(e)));
        }
    }

    /// <summary>The name of the batch operation's one member: <c>{"patients": [...]}</c>.</summary>
    public const string PatientsMember = "patients";

    /// <summary>
    /// Reads the batch operation's body, <c>{"patients": [ ...1 to 1,000 patients... ]}</c>: messages are keyed
    /// <c>patients[3].age</c>, and any other member is refused.
    /// </summary>
    public static (PatientBatch? Batch, Problem? Problem) ReadWrapped(DiseaseDefinition disease, ReadOnlySpan<byte> json)
    {
        var errors = new Errors();
        var reader = new Utf8JsonReader(json, JsonText.ReaderOptions);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, Problems.Malformed($"The body must be a JSON object: {{\"{PatientsMember}\": [ ...1 to {MaxBatch} patients... ]}}."));
            }

            PatientBatch? batch = null;
            while (!errors.Full && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPatients = NameIs(ref reader, PatientsMember);
                var name = isPatients ? PatientsMember : EchoedName(ref reader);
                reader.Read();
                if (!isPatients)
                {
                    errors.Add(name, $"is not a member of a batch: send {{\"{PatientsMember}\": [...]}} only.");
                    reader.Skip();
                }
                else if (batch is not null)
                {
                    errors.Add(PatientsMember, Errors.Duplicated);
                    reader.Skip();
                }
                else if (reader.TokenType != JsonTokenType.StartArray)
                {
                    errors.Add(PatientsMember, $"must be a JSON array of 1 to {MaxBatch} patients.");
                    reader.Skip();
                    batch = new PatientBatch([], 0, disease.Fields.Count, isArray: true);
                }
                else
                {
                    var values = new List<double>(disease.Fields.Count * 8);
                    var count = ReadArray(ref reader, disease, values, errors, PatientsMember);
                    batch = new PatientBatch(values.ToArray(), count, disease.Fields.Count, isArray: true);
                }
            }

            if (batch is null && !errors.Full)
            {
                errors.Add(PatientsMember, FieldRules.Required);
            }

            if (errors.Full)
            {
                return (null, Problems.Invalid(PredictionBody.InvalidType, errors));
            }

            while (reader.Read())
            {
            }

            return errors.Any ? (null, Problems.Invalid(PredictionBody.InvalidType, errors)) : (batch, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Malformed(JsonText.Malformed(e)));
        }
    }

    private static int ReadArray(ref Utf8JsonReader reader, DiseaseDefinition disease, List<double> values, Errors errors, string path = "")
    {
        var row = new double[disease.Fields.Count];
        var count = 0;
        var whole = path.Length == 0 ? "$" : path;
        while (!errors.Full && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var prefix = $"{path}[{count}].";
            if (count == MaxBatch)
            {
                errors.Add(whole, $"A batch holds at most {MaxBatch} patients.");
                reader.Skip();
                count++;
                break;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add($"{path}[{count}]", "must be a JSON object with the patient's fields.");
                reader.Skip();
            }
            else
            {
                ReadPatient(ref reader, disease, row, prefix, errors, partial: false);
            }

            values.AddRange(row);
            count++;
        }

        if (count == 0)
        {
            errors.Add(whole, "The batch is empty: send 1 to 1000 patients.");
        }

        return count;
    }

    /// <summary>
    /// Reads one object of fields into <paramref name="row"/> (NaN where not given), the reader on its start. A
    /// whole patient (<paramref name="partial"/> false) must have every required field and pass the cross-field
    /// rules; a partial one (a what-if's changes) names some fields only. Returns the fields seen, as bits.
    /// </summary>
    internal static ulong ReadPatient(ref Utf8JsonReader reader, DiseaseDefinition disease, double[] row, string prefix, Errors errors, bool partial)
    {
        var fields = disease.Fields;
        ulong seen = 0;
        var valid = true;
        row.AsSpan().Fill(double.NaN);
        while (!errors.Full && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = IndexOf(ref reader, disease);
            if (index < 0)
            {
                errors.Add(errors.Listing ? prefix + EchoedName(ref reader) : string.Empty, "is not a field of this form. Names are the snake_case (or camelCase) names of GET /api/predict/" + disease.Key + ".");
                reader.Read();
                reader.Skip();
                valid = false;
                continue;
            }

            var field = fields[index];
            reader.Read();
            if ((seen & (1UL << index)) != 0)
            {
                errors.Add(prefix + field.Name, Errors.Duplicated);
                reader.Skip();
                valid = false;
                continue;
            }

            seen |= 1UL << index;
            var message = reader.TokenType == JsonTokenType.StartObject && field.AlternativeUnits.Count > 0
                ? ReadWithUnit(ref reader, field, out var value)
                : ReadValue(ref reader, field, out value);
            if (message is not null)
            {
                errors.Add(prefix + field.Name, message);
                valid = false;
            }
            else
            {
                row[index] = value;
            }
        }

        if (errors.Full || partial)
        {
            return seen;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Required && (seen & (1UL << i)) == 0)
            {
                errors.Add(prefix + fields[i].Name, FieldRules.Required);
                valid = false;
            }
        }

        if (valid)
        {
            FieldRules.CheckCrossField(disease, row, prefix, errors);
        }

        return seen;
    }

    private static int IndexOf(ref Utf8JsonReader reader, DiseaseDefinition disease)
    {
        // Names are short and few: compare in place, allocate a string only when escaped. A name too long
        // to be a field's (even escaped, six bytes a character) is no field, and is not decoded.
        var span = reader.ValueSpan;
        if (reader.HasValueSequence || span.Length > MaxNameChars * 6)
        {
            return -1;
        }

        if (!reader.ValueIsEscaped)
        {
            var lookup = FieldRules.Index(disease).GetAlternateLookup<ReadOnlySpan<char>>();
            Span<char> name = stackalloc char[MaxNameChars];
            return span.Length <= name.Length && Encoding.UTF8.TryGetChars(span, name, out var written) && lookup.TryGetValue(name[..written], out var found)
                ? found
                : -1;
        }

        return JsonText.Unescapes(ref reader) ? FieldRules.IndexOf(disease, reader.GetString()!) : -1;
    }

    /// <summary>An unknown name as its error's key: shortened, and described when its escapes make no text.</summary>
    private static string EchoedName(ref Utf8JsonReader reader)
    {
        if (!JsonText.Unescapes(ref reader))
        {
            return "(a name that is not valid text)";
        }

        return JsonText.Echo(reader.GetString()!);
    }

    /// <summary>
    /// <c>{"value": 11.97, "unit": "umol/l"}</c>: a value in the field's unit or one of its alternatives (by a spelling
    /// the schema lists, ASCII too), checked against the range in that unit as the schema states it, then converted
    /// exactly (<see cref="FieldRules.Converted"/>). The reader is on the object's start, and left on its end.
    /// </summary>
    private static string? ReadWithUnit(ref Utf8JsonReader reader, FieldDefinition field, out double value)
    {
        value = double.NaN;
        double? given = null;
        string? unitName = null;
        string? message = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = NameIs(ref reader, "value");
            var isUnit = !isValue && NameIs(ref reader, "unit");
            reader.Read();
            if (isValue && reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && !reader.HasValueSequence)
            {
                given = number;
            }
            else if (isUnit && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaxNameChars && JsonText.Unescapes(ref reader))
            {
                unitName = reader.GetString();
            }
            else
            {
                message ??= isValue ? "value must be a JSON number." : isUnit ? FieldRules.UnknownUnit(field) : "takes only value and unit: {\"value\": 5.2, \"unit\": \"" + field.Unit + "\"}.";
                reader.Skip();
            }
        }

        if (message is not null)
        {
            return message;
        }

        if (given is not { } typed || unitName is null)
        {
            return (given is null ? "value" : "unit") + " is required: {\"value\": 5.2, \"unit\": \"" + field.Unit + "\"}.";
        }

        var unit = FieldRules.UnitOf(field, unitName, out var known, exact: true);
        if (!known)
        {
            return FieldRules.UnknownUnit(field);
        }

        if (unit is null)
        {
            return FieldRules.Accept(field, typed, out value);
        }

        if (typed == 0 && field.ZeroMeansNotMeasured)
        {
            return null;
        }

        var (min, max) = FieldRules.RangeIn(field, unit);
        if (!double.IsFinite(typed) || typed < min || typed > max)
        {
            return FieldRules.InUnit(FieldRules.Check(field, double.IsFinite(typed) ? (typed < min ? double.MinValue : double.MaxValue) : typed)!, unit, field);
        }

        return FieldRules.Accept(field, Math.Clamp(FieldRules.Converted(field, typed, unit.ToFieldUnit), field.Min, field.Max), out value);
    }

    /// <summary>Whether the property name under the reader is <paramref name="name"/>; escapes that make no text are no name.</summary>
    private static bool NameIs(ref Utf8JsonReader reader, string name) =>
        reader.ValueIsEscaped ? JsonText.Unescapes(ref reader) && reader.GetString() == name : reader.ValueTextEquals(name);

    private static string? ReadValue(ref Utf8JsonReader reader, FieldDefinition field, out double value)
    {
        value = double.NaN;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var number) ? FieldRules.Accept(field, number, out value) : FieldRules.NotFinite;
            case JsonTokenType.String:
                // The contract says numbers: "63" (or "" for blank) is refused, naming the field, never guessed at.
                return FieldRules.NotAJsonNumber;
            case JsonTokenType.Null:
                return field.Required ? FieldRules.Required : null;
            default:
                reader.Skip();
                return FieldRules.NotANumber;
        }
    }
}
