using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HealthOracle.Functions.Explanations;

/// <summary>
/// Exact Shapley values of a game over n players (a model's inputs), from the values of all 2ⁿ coalitions:
/// φᵢ = Σ over coalitions S without i of |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)). Coalition T is the index whose
/// bit i is set when player i is in it. Written as φᵢ = Σ over T containing i of v(T)·c(|T|) − Σ over all T of
/// v(T)·w(|T|), with w(k) = k!(n−k−1)!/n! and c(k) = w(k−1) + w(k), the per-player sums are computed for all
/// players at once by folding the array in halves (the top bit's sum is the upper half; the lower bits' sums are
/// those of the two halves added), so the whole computation costs about 3·2ⁿ additions, not n·2ⁿ⁻¹.
/// </summary>
internal static class ShapleyValues
{
    /// <summary>The most players computed exactly (65,536 coalitions); no disease comes near it (13 inputs at most).</summary>
    public const int MaxPlayers = 16;

    private static readonly double[][] Weights = [.. Enumerable.Range(0, MaxPlayers + 1).Select(WeightsFor)];

    /// <summary>
    /// Exact Shapley values of <paramref name="coalitions"/> (2ⁿ values, n = <paramref name="phi"/>'s length) into
    /// <paramref name="phi"/>. The coalition values are overwritten (used as scratch).
    /// </summary>
    public static void FromCoalitions(Span<double> coalitions, Span<double> phi)
    {
        var n = phi.Length;
        if (n > MaxPlayers || coalitions.Length != 1 << n)
        {
            throw new ArgumentException($"Expected 2^{n} coalition values for {n} players (at most {MaxPlayers}).", nameof(coalitions));
        }

        if (n == 0)
        {
            return;
        }

        // w(k) for k = 0…n (w(n) = 0: no coalition of n players lacks one), and c(k) = w(k−1) + w(k).
        var w = Weights[n].AsSpan(0, n + 1);
        var c = Weights[n].AsSpan(n + 1, n + 1);
        // The values less the empty coalition's: the same Shapley values (a constant is nobody's contribution), smaller sums.
        var empty = coalitions[0];
        var total = 0.0;
        for (var t = 0; t < coalitions.Length; t++)
        {
            var size = BitOperations.PopCount((uint)t);
            var value = coalitions[t] - empty;
            total += value * w[size];
            coalitions[t] = value * c[size];
        }

        var length = coalitions.Length;
        for (var player = n - 1; player >= 0; player--)
        {
            var half = length >> 1;
            var lower = coalitions[..half];
            var upper = coalitions.Slice(half, half);
            phi[player] = Sum(upper) - total;
            AddTo(lower, upper);
            length = half;
        }
    }

    /// <summary>
    /// Exact Shapley values of σ(<paramref name="baseLogOdds"/> + Σ over players i in S of dᵢ), the game of a model
    /// whose log-odds are a sum of one term per input, measured from a reference patient: dᵢ is how far input i
    /// moves the log-odds from the reference's when it alone takes the patient's value. <paramref name="scratch"/>
    /// holds 2ⁿ values.
    /// </summary>
    public static void FromLogOdds(double baseLogOdds, ReadOnlySpan<double> d, Span<double> phi, Span<double> scratch)
    {
        var n = d.Length;
        var coalitions = scratch[..(1 << n)];
        coalitions[0] = baseLogOdds;
        for (int i = 0, length = 1; i < n; i++, length <<= 1)
        {
            var step = d[i];
            for (var t = 0; t < length; t++)
            {
                coalitions[length + t] = coalitions[t] + step;
            }
        }

        Sigmoid(coalitions);
        FromCoalitions(coalitions, phi);
    }

    /// <summary>x ← 1 / (1 + e^−x), four at a time where the hardware can.</summary>
    public static void Sigmoid(Span<double> values)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<double, Vector256<double>>(values);
            var one = Vector256.Create(1.0);
            for (var v = 0; v < vectors.Length; v++)
            {
                vectors[v] = one / (one + Vector256.Exp(-vectors[v]));
            }

            i = vectors.Length * Vector256<double>.Count;
        }

        for (; i < values.Length; i++)
        {
            values[i] = 1 / (1 + Math.Exp(-values[i]));
        }
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<double>.Count)
        {
            var vectors = MemoryMarshal.Cast<double, Vector256<double>>(values);
            var acc = Vector256<double>.Zero;
            foreach (var vector in vectors)
            {
                acc += vector;
            }

            sum = Vector256.Sum(acc);
            i = vectors.Length * Vector256<double>.Count;
        }

        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    private static void AddTo(Span<double> target, ReadOnlySpan<double> source)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && target.Length >= Vector256<double>.Count)
        {
            var to = MemoryMarshal.Cast<double, Vector256<double>>(target);
            var from = MemoryMarshal.Cast<double, Vector256<double>>(source);
            for (var v = 0; v < to.Length; v++)
            {
                to[v] += from[v];
            }

            i = to.Length * Vector256<double>.Count;
        }

        for (; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }

    // [w(0)…w(n), c(0)…c(n)] for n players; w(k) = k!(n−k−1)!/n! = 1 / (n·C(n−1, k)).
    private static double[] WeightsFor(int n)
    {
        var weights = new double[2 * (n + 1)];
        for (var k = 0; k < n; k++)
        {
            weights[k] = 1 / (n * Binomial(n - 1, k));
        }

        for (var k = 0; k <= n; k++)
        {
            weights[n + 1 + k] = (k > 0 ? weights[k - 1] : 0) + weights[k];
        }

        return weights;
    }

    private static double Binomial(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
