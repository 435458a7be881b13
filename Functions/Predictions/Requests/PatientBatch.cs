namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>
/// Validated patients of one request. <see cref="Values"/> is row-major (patient by patient, in disease
/// field order), with NaN for an optional field that was not given: the model imputes it.
/// </summary>
internal sealed class PatientBatch(double[] values, int count, int fields, bool isArray)
{
    public double[] Values { get; } = values;

    public int Count { get; } = count;

    public int Fields { get; } = fields;

    /// <summary>True when the body was a JSON array: the answer is an array too.</summary>
    public bool IsArray { get; } = isArray;

    /// <summary>
    /// For a form, the unit each value was typed in (null for the field's own unit), in field order; null
    /// when every value was typed in its field's unit. <see cref="Values"/> are always in the fields' units.
    /// </summary>
    public IReadOnlyList<string?>? TypedUnits { get; init; }

    public double Value(int patient, int field) => Values[(patient * Fields) + field];

    /// <summary>The model's input layout: column-major floats, one [Count,1] column per field.</summary>
    public float[] ToColumns()
    {
        var columns = new float[Values.Length];
        for (var p = 0; p < Count; p++)
        {
            for (var f = 0; f < Fields; f++)
            {
                columns[(f * Count) + p] = (float)Values[(p * Fields) + f];
            }
        }

        return columns;
    }
}
