using Microsoft.ML;
using Microsoft.ML.Data;

namespace HealthOracle.Training.Modeling;

/// <summary>A view of <paramref name="source"/> in which the named float columns read as ln(x + 1).</summary>
internal sealed class Log1pDataView(IDataView source, IReadOnlyList<string> fields) : IDataView
{
    private readonly HashSet<int> _logged = fields.Select(f => Column(source.Schema, f)).ToHashSet();

    public DataViewSchema Schema => source.Schema;

    public bool CanShuffle => source.CanShuffle;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(source.GetRowCursor(columnsNeeded, rand), _logged);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [.. source.GetRowCursorSet(columnsNeeded, n, rand).Select(c => new Cursor(c, _logged))];

    private static int Column(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentException($"No column {name} to take the logarithm of.", nameof(fields));
        return column.Type == NumberDataViewType.Single
            ? column.Index
            : throw new ArgumentException($"Column {name} is {column.Type}, not a float.", nameof(fields));
    }

    private sealed class Cursor(DataViewRowCursor inner, HashSet<int> logged) : DataViewRowCursor
    {
        public override DataViewSchema Schema => inner.Schema;

        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        public override bool MoveNext() => inner.MoveNext();

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!logged.Contains(column.Index))
            {
                return inner.GetGetter<TValue>(column);
            }

            var raw = inner.GetGetter<float>(column);
            ValueGetter<float> log = (ref float value) =>
            {
                raw(ref value);
                value = Log1pTransformer.Apply(value);
            };
            return (ValueGetter<TValue>)(Delegate)log;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
