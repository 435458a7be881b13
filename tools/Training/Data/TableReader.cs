using System.Globalization;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Training;

namespace HealthOracle.Training.Data;

/// <summary>
/// Reads a public data set into a disease's table by its <see cref="TableLayout"/>: the columns are found
/// by name (from the header, the ARFF attributes, or the layout's list), each field is read from its
/// column as a number or through the layout's words, missing markers become NaN, and the outcome is read
/// from its column. A row that cannot be read is rejected with its line number, never silently dropped.
/// </summary>
internal static class TableReader
{
    public static PatientTable Read(DiseaseDefinition disease, TableLayout layout, TextReader reader)
    {
        var rows = new List<float[]>();
        var labels = new List<bool>();
        var rejected = new List<RejectedRow>();
        var (columns, lineNumber) = ReadColumns(layout, reader);
        // A field the file does not have reads as missing on every row.
        var fieldColumns = disease.Fields.Select(f => layout.NotInData.Contains(f.Name) ? -1 : IndexOf(columns, layout.ColumnFor(f.Name))).ToArray();
        var outcomeColumn = IndexOf(columns, layout.Outcome.Column);
        var zeroIsMissing = disease.Fields.Select(f => layout.ZeroIsMissing.Contains(f.Name)).ToArray();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || (layout.Format == TableFormat.Arff && line.TrimStart().StartsWith('%')))
            {
                continue;
            }

            var cells = Cells(layout, line);
            if (cells.Length != columns.Count)
            {
                rejected.Add(new(lineNumber, $"expected {columns.Count} columns, found {cells.Length}"));
                continue;
            }

            var row = new float[disease.Fields.Count];
            string? error = null;
            for (var i = 0; i < row.Length && error is null; i++)
            {
                var field = disease.Fields[i].Name;
                if (fieldColumns[i] < 0)
                {
                    row[i] = float.NaN;
                    continue;
                }

                var text = cells[fieldColumns[i]];
                var value = layout.Words.TryGetValue(field, out var words)
                    ? layout.MissingMarkers.Contains(text) ? float.NaN : words.TryGetValue(text, out var code) ? (float)code : null
                    : Number(text, layout.MissingMarkers);
                if (value is null)
                {
                    error = $"{field}: cannot read '{text}'";
                }
                else
                {
                    row[i] = zeroIsMissing[i] && value == 0 ? float.NaN : value.Value;
                }
            }

            var label = error is null ? Outcome(layout.Outcome, cells[outcomeColumn]) : null;
            if (error is null && label is null)
            {
                error = $"outcome: cannot read '{cells[outcomeColumn]}'";
            }

            if (error is not null)
            {
                rejected.Add(new(lineNumber, error));
                continue;
            }

            rows.Add(row);
            labels.Add(label!.Value);
        }

        return new PatientTable(disease, rows, labels, rejected);
    }

    /// <summary>A number, NaN for one of the missing markers, or null when the text is not a finite number.</summary>
    public static float? Number(string text, IReadOnlyList<string> missing)
    {
        if (missing.Contains(text))
        {
            return float.NaN;
        }

        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
            ? value
            : null;
    }

    private static (IReadOnlyList<string> Columns, int Lines) ReadColumns(TableLayout layout, TextReader reader)
    {
        switch (layout.Format)
        {
            case TableFormat.Csv:
                return (layout.Columns, 0);
            case TableFormat.CsvWithHeader:
                return (reader.ReadLine() is { } header ? header.Split(',').Select(c => c.Trim()).ToArray() : [], 1);
            default:
                // @attribute 'name' type … up to @data.
                var columns = new List<string>();
                var lines = 0;
                while (reader.ReadLine() is { } line)
                {
                    lines++;
                    var trimmed = line.Trim();
                    if (trimmed.StartsWith("@attribute", StringComparison.OrdinalIgnoreCase))
                    {
                        var rest = trimmed["@attribute".Length..].TrimStart();
                        var name = rest.StartsWith('\'') ? rest[1..rest.IndexOf('\'', 1)] : rest.Split([' ', '\t'], 2)[0];
                        columns.Add(name);
                    }
                    else if (trimmed.StartsWith("@data", StringComparison.OrdinalIgnoreCase))
                    {
                        break;
                    }
                }

                return (columns, lines);
        }
    }

    private static string[] Cells(TableLayout layout, string line)
    {
        var cells = line.Split(',').Select(c => c.Trim()).ToArray();
        // ARFF writes a missing value as '?', so an empty cell can only be a stray separator (a trailing
        // comma, or ',,'): drop it. In CSV an empty cell is a value left blank.
        return layout.Format == TableFormat.Arff ? cells.Where(c => c.Length > 0).ToArray() : cells;
    }

    private static bool? Outcome(OutcomeColumn outcome, string text)
    {
        if (Matches(outcome.Disease, text))
        {
            return true;
        }

        return Matches(outcome.NoDisease, text) ? false : null;
    }

    private static bool Matches(IReadOnlyList<string> values, string text) =>
        values.Contains(text)
        || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && values.Any(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var listed) && listed == number));

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidDataException($"The table has no column '{name}' (columns: {string.Join(", ", columns)}).");
    }
}
