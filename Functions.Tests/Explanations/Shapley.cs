namespace HealthOracle.Functions.Tests.Explanations;

/// <summary>Shapley values by their definition, for checking: the average marginal contribution over every order of the players.</summary>
internal static class Shapley
{
    /// <param name="value">The value of a coalition, given as a bit mask (bit i: player i is in it).</param>
    public static double[] ByPermutations(int players, Func<int, double> value)
    {
        var phi = new double[players];
        var orders = 0;
        foreach (var order in Permutations([.. Enumerable.Range(0, players)]))
        {
            var coalition = 0;
            foreach (var player in order)
            {
                phi[player] += value(coalition | (1 << player)) - value(coalition);
                coalition |= 1 << player;
            }

            orders++;
        }

        return [.. phi.Select(v => v / orders)];
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            foreach (var rest in Permutations([.. items[..i], .. items[(i + 1)..]]))
            {
                yield return [items[i], .. rest];
            }
        }
    }
}
