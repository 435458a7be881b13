namespace HealthOracle.Functions.People.Storage;

/// <summary>
/// One person's changes to their history count, taken one at a time on this instance: the count row is updated
/// with optimistic concurrency, and fifty concurrent saves by one person would otherwise retry against each other
/// fifty times. Across instances the retries remain (rare). Locks are dropped when nobody holds or waits for them.
/// </summary>
internal sealed class PersonLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string personKey, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            var (existing, users) = _locks.TryGetValue(personKey, out var entry) ? entry : (new SemaphoreSlim(1, 1), 0);
            _locks[personKey] = (existing, users + 1);
            gate = existing;
        }

        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(personKey, entered: false);
            throw;
        }

        return new Held(this, personKey);
    }

    private void Release(string personKey, bool entered)
    {
        lock (_locks)
        {
            var (gate, users) = _locks[personKey];
            if (entered)
            {
                gate.Release();
            }

            if (users == 1)
            {
                _locks.Remove(personKey);
                gate.Dispose();
            }
            else
            {
                _locks[personKey] = (gate, users - 1);
            }
        }
    }

    private sealed class Held(PersonLocks owner, string personKey) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(personKey, entered: true);
            }
        }
    }
}
