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
                return (null, Problems.Invalid(PredictionBody.InvalidTitle, errors));
            }

            // Anything after the value is malformed; the reader throws on it.
            while (reader.Read())
            {
            }

            return errors.Any ? (null, Problems.Invalid(PredictionBody.InvalidTitle, errors)) : (batch, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Malformed(JsonText.Malformed(e)));
        }
    }

    private static int ReadArray(ref Utf8JsonReader reader, DiseaseDefinition disease, List<double> values, Errors errors)
    {
        var row = new double[disease.Fields.Count];
        var count = 0;
        while (!errors.Full && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var prefix = $"[{count}].";
            if (count == MaxBatch)
            {
                errors.Add("$", $"A batch holds at most {MaxBatch} patients.");
                reader.Skip();
                count++;
                break;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add($"[{count}]", "must be a JSON object with the patient's fields.");
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
            errors.Add("$", "The batch is empty: send 1 to 1000 patients.");
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
            var message = ReadValue(ref reader, field, out var value);
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

    private static string? ReadValue(ref Utf8JsonReader reader, FieldDefinition field, out double value)
    {
        value = double.NaN;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var number) ? FieldRules.Accept(field, number, out value) : FieldRules.NotFinite;
            case JsonTokenType.String:
                // Clients that post form values as JSON strings ("63") are accepted; the number rules still apply.
                // A number is short: a long string, or escapes that make no text, is not one (and is not decoded).
                var parsed = reader.ValueIsEscaped || reader.HasValueSequence
                    ? reader.ValueSpan.Length <= MaxNameChars * 6 && JsonText.Unescapes(ref reader) && FieldRules.TryParse(reader.GetString().AsSpan(), out value)
                    : FieldRules.TryParse(reader.ValueSpan, out value);
                if (!parsed && reader.ValueSpan.IsEmpty)
                {
                    // An empty string is a field left blank: absent.
                    value = double.NaN;
                    return field.Required ? FieldRules.Required : null;
                }

                return parsed ? FieldRules.Accept(field, value, out value) : FieldRules.NotANumber;
            case JsonTokenType.Null:
                return field.Required ? FieldRules.Required : null;
            default:
                reader.Skip();
                return FieldRules.NotANumber;
        }
    }
}
