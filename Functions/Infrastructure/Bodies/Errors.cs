namespace HealthOracle.Functions.Infrastructure.Bodies;

/// <summary>
/// Per-field messages, keyed <c>age</c> or, in a batch, <c>[3].age</c>. The list is capped: the first
/// <see cref="MaxListed"/> messages are kept and the rest only counted, and at <see cref="StopAfter"/> the
/// reader gives up on the body (<see cref="Full"/>), so a body built to multiply errors gets a small answer
/// for little work.
/// </summary>
internal sealed class Errors
{
    /// <summary>What every reader says of a name given twice (in JSON, in one object; in a form, twice in the form).</summary>
    public const string Duplicated = "is given more than once.";

    /// <summary>Messages listed in an answer; more are counted, not listed.</summary>
    public const int MaxListed = 50;

    /// <summary>Errors after which reading stops: the body is hopeless, and the rest is not checked.</summary>
    public const int StopAfter = 1000;

    private readonly Dictionary<string, List<string>> _messages = new(StringComparer.Ordinal);

    public bool Any => Count > 0;

    /// <summary>Every error found, listed or not.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the next message would still be listed (so its key is worth building).</summary>
    public bool Listing => Count < MaxListed;

    /// <summary>True once reading should stop.</summary>
    public bool Full => Count >= StopAfter;

    /// <summary>Errors found but not listed.</summary>
    public int More => Math.Max(0, Count - MaxListed);

    public void Add(string key, string message)
    {
        if (Count++ >= MaxListed)
        {
            return;
        }

        if (!_messages.TryGetValue(key, out var list))
        {
            _messages[key] = list = [];
        }

        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _messages.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
