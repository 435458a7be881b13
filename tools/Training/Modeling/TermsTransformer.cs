using HealthOracle.Diseases;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HealthOracle.Training.Modeling;

/// <summary>
/// The first step of every candidate: each field's column becomes its term (<see cref="TermShape"/>: raw, ln(x + 1)
/// or a derived quantity), in place (same names, same types), and a missing term is imputed with its mean in the
/// population the percentage refers to: the mean among rows with the disease weighted by that population's
/// prevalence, plus the mean among rows without it weighted by the rest (for a case-control sample, the mean a
/// randomly drawn person of that population would have, not the sample's; for a sample whose prevalence is the
/// population's, its own class-weighted mean). ML.NET cannot export a logarithm or the eGFR equation to ONNX, so
/// <see cref="Onnx.OnnxExporter"/> exports the pipeline after this step and writes the same terms into the graph
/// (<see cref="Onnx.OnnxTerms"/>).
/// </summary>
internal sealed class TermsEstimator(DiseaseDefinition disease, IReadOnlyList<string> logged) : IEstimator<TermsTransformer>
{
    public TermsTransformer Fit(IDataView input)
    {
        var shape = new TermShape(disease, logged);
        var columns = disease.Fields.Select(f => input.GetColumn<float>(f.Name).ToArray()).ToArray();
        var labels = input.GetColumn<bool>(TableDataView.LabelColumn).ToArray();
        var prevalence = disease.Population.CorrectToPrevalence
            ? disease.Population.Prevalence!.Value
            : (double)labels.Count(l => l) / labels.Length;
        var row = new float[columns.Length];
        var sums = new double[columns.Length, 2];
        var counts = new int[columns.Length, 2];
        for (var r = 0; r < labels.Length; r++)
        {
            for (var f = 0; f < row.Length; f++)
            {
                row[f] = columns[f][r];
            }

            var y = labels[r] ? 1 : 0;
            for (var f = 0; f < row.Length; f++)
            {
                var term = shape.Term(f, row);
                if (!float.IsNaN(term))
                {
                    sums[f, y] += term;
                    counts[f, y]++;
                }
            }
        }

        var imputation = new float[columns.Length];
        for (var f = 0; f < imputation.Length; f++)
        {
            imputation[f] = (float)(counts[f, 0] > 0 && counts[f, 1] > 0
                ? (prevalence * sums[f, 1] / counts[f, 1]) + ((1 - prevalence) * sums[f, 0] / counts[f, 0])
                // A field one class never has (or nobody has: a field the data lack) is not a feature: any value will do.
                : counts[f, 0] + counts[f, 1] > 0 ? (sums[f, 0] + sums[f, 1]) / (counts[f, 0] + counts[f, 1]) : 0);
        }

        return new TermsTransformer(shape, imputation);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
}

/// <inheritdoc cref="TermsEstimator"/>
internal sealed class TermsTransformer(TermShape shape, float[] imputation) : ITransformer
{
    public TermShape Shape { get; } = shape;

    /// <summary>Each field's imputed term (the value a missing one becomes), in field order.</summary>
    public IReadOnlyList<float> Imputation { get; } = imputation;

    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

    public IDataView Transform(IDataView input) => new TermsDataView(input, this);

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("Terms are applied to data views only.");

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("Models are saved as ONNX (OnnxExporter), which writes the terms into the graph.");
}

/// <summary>A view of <paramref name="source"/> in which every field's column reads as its imputed term.</summary>
internal sealed class TermsDataView(IDataView source, TermsTransformer terms) : IDataView
{
    private readonly int[] _fieldColumns = [.. terms.Shape.Disease.Fields.Select(f => source.Schema[f.Name].Index)];

    public DataViewSchema Schema => source.Schema;

    public bool CanShuffle => false;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(source.GetRowCursor(columnsNeeded.Concat(_fieldColumns.Select(i => source.Schema[i])).DistinctBy(c => c.Index)), this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _inner;
        private readonly TermsDataView _view;
        private readonly ValueGetter<float>[] _raw;
        private readonly float[] _row;
        private readonly float[] _terms;
        private long _computed = -1;

        public Cursor(DataViewRowCursor inner, TermsDataView view)
        {
            _inner = inner;
            _view = view;
            _raw = [.. view._fieldColumns.Select(i => inner.GetGetter<float>(inner.Schema[i]))];
            _row = new float[_raw.Length];
            _terms = new float[_raw.Length];
        }

        public override DataViewSchema Schema => _inner.Schema;

        public override long Position => _inner.Position;

        public override long Batch => _inner.Batch;

        public override bool MoveNext() => _inner.MoveNext();

        public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var field = Array.IndexOf(_view._fieldColumns, column.Index);
            if (field < 0)
            {
                return _inner.GetGetter<TValue>(column);
            }

            ValueGetter<float> term = (ref float value) =>
            {
                Compute();
                value = _terms[field];
            };
            return (ValueGetter<TValue>)(Delegate)term;
        }

        private void Compute()
        {
            if (_computed == _inner.Position)
            {
                return;
            }

            for (var f = 0; f < _raw.Length; f++)
            {
                _raw[f](ref _row[f]);
            }

            var shape = _view.Terms.Shape;
            for (var f = 0; f < _raw.Length; f++)
            {
                var term = shape.Term(f, _row);
                _terms[f] = float.IsNaN(term) ? _view.Terms.Imputation[f] : term;
            }

            _computed = _inner.Position;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private TermsTransformer Terms => terms;
}
