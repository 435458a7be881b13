using System.Globalization;
using HealthOracle.Functions.Predictions.Schema;

namespace HealthOracle.Training.Data;

/// <summary>
/// Reads a comma-separated file whose first columns are a schema's fields in order and whose last
/// column is the outcome. A disease's loader says what a field's text means (missing markers, codes)
/// and how to read the outcome; a row with the wrong number of columns or an unreadable value is
/// rejected with its line number.
/// </summary>
internal static class CsvTableReader
{
    public static PatientTable Read(
        DiseaseSchema schema,
        TextReader reader,
        bool hasHeader,
        Func<int, string, float?> parseField,
        Func<string, bool?> parseLabel)
    {
        var fieldCount = schema.Fields.Count;
        var rows = new List<float[]>();
        var labels = new List<bool>();
        var rejected = new List<RejectedRow>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if ((hasHeader && lineNumber == 1) || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != fieldCount + 1)
            {
                rejected.Add(new(lineNumber, $"expected {fieldCount + 1} columns, found {cells.Length}"));
                continue;
            }

            var row = new float[fieldCount];
            string? error = null;
            for (var i = 0; i < fieldCount && error is null; i++)
            {
                var value = parseField(i, cells[i].Trim());
                if (value is null)
                {
                    error = $"{schema.Fields[i].Name}: cannot read '{cells[i].Trim()}'";
                }
                else
                {
                    row[i] = value.Value;
                }
            }

            var label = error is null ? parseLabel(cells[fieldCount].Trim()) : null;
            if (error is null && label is null)
            {
                error = $"outcome: cannot read '{cells[fieldCount].Trim()}'";
            }

            if (error is not null)
            {
                rejected.Add(new(lineNumber, error));
                continue;
            }

            rows.Add(row);
            labels.Add(label!.Value);
        }

        return new PatientTable(schema, rows, labels, rejected);
    }

    /// <summary>A number, NaN for one of the missing markers, or null when the text is not a number.</summary>
    public static float? Number(string text, params string[] missing)
    {
        if (missing.Contains(text))
        {
            return float.NaN;
        }

        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
            ? value
            : null;
    }
}
