namespace HealthOracle.Diseases.Fields;

/// <summary>How the risk is expected to move when an input rises, from clinical knowledge (not from the data).</summary>
public enum Direction
{
    /// <summary>A higher value means a higher risk.</summary>
    Raises,

    /// <summary>A higher value means a lower risk.</summary>
    Lowers,
}

/// <summary>A field's clinically expected direction, and the source that says so.</summary>
public sealed record ExpectedDirection(Direction Direction, string Source);
