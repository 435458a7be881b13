namespace HealthOracle.Diseases.Training;

/// <summary>The file formats the training tool reads.</summary>
public enum TableFormat
{
    /// <summary>Comma-separated, no header line: <see cref="TableLayout.Columns"/> names the columns.</summary>
    Csv,

    /// <summary>Comma-separated with a header line of column names.</summary>
    CsvWithHeader,

    /// <summary>Weka's ARFF: <c>@attribute</c> lines name the columns, <c>@data</c> rows follow, <c>?</c> is missing.</summary>
    Arff,
}

/// <summary>
/// How a table's columns become a disease's fields and outcome. By default a field is read from the column
/// of its own name as a number; a layout says where that is not so.
/// </summary>
/// <param name="Format">The file format.</param>
/// <param name="Outcome">The outcome column and which of its values mean disease.</param>
public sealed record TableLayout(TableFormat Format, OutcomeColumn Outcome)
{
    /// <summary>For <see cref="TableFormat.Csv"/>: every column's name, in file order.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>Fields read from a column of another name: field name → column name.</summary>
    public IReadOnlyDictionary<string, string> ColumnOf { get; init; } = new Dictionary<string, string>();

    /// <summary>Fields whose column holds words: field name → (text → code).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Words { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();

    /// <summary>The texts that mark a missing value.</summary>
    public IReadOnlyList<string> MissingMarkers { get; init; } = ["?", ""];

    /// <summary>Fields the file does not have at all (read as missing on every row): the model uses them only through a derived term, or not at all.</summary>
    public IReadOnlyList<string> NotInData { get; init; } = [];

    /// <summary>Fields in which the data set writes a missing measurement as 0.</summary>
    public IReadOnlyList<string> ZeroIsMissing { get; init; } = [];

    /// <summary>The column that holds a field's value.</summary>
    public string ColumnFor(string field) => ColumnOf.TryGetValue(field, out var column) ? column : field;

    /// <summary>Text → code for the usual yes/no columns.</summary>
    public static IReadOnlyDictionary<string, double> YesNo { get; } = new Dictionary<string, double> { ["yes"] = 1, ["no"] = 0 };
}

/// <summary>The outcome column, the values that mean the disease is present, and those that mean it is not.</summary>
public sealed record OutcomeColumn(string Column, IReadOnlyList<string> Disease, IReadOnlyList<string> NoDisease);
