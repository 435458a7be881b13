using HealthOracle.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HealthOracle.Training.Modeling;

/// <summary>
/// A <see cref="PatientTable"/> as an ML.NET data view: one float column per field, named as the
/// field (so the ONNX graph's inputs get the fields' names), and a boolean <c>Label</c> unless the view
/// is for export, where a Label column would become a required graph input.
/// </summary>
internal sealed class TableDataView : IDataView
{
    public const string LabelColumn = "Label";

    private readonly PatientTable _table;
    private readonly bool _withLabel;

    public TableDataView(PatientTable table, bool withLabel = true)
    {
        _table = table;
        _withLabel = withLabel;
        var builder = new DataViewSchema.Builder();
        foreach (var field in table.Disease.Fields)
        {
            builder.AddColumn(field.Name, NumberDataViewType.Single);
        }

        if (withLabel)
        {
            builder.AddColumn(LabelColumn, BooleanDataViewType.Instance);
        }

        Schema = builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => _table.Count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(TableDataView view, HashSet<int> active) : DataViewRowCursor
    {
        private int _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext() => ++_position < view._table.Count;

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (view._withLabel && column.Name == LabelColumn)
            {
                ValueGetter<bool> label = (ref bool value) => value = view._table.Labels[_position];
                return (ValueGetter<TValue>)(Delegate)label;
            }

            var index = column.Index;
            ValueGetter<float> field = (ref float value) => value = view._table.Rows[_position][index];
            return (ValueGetter<TValue>)(Delegate)field;
        }
    }
}
