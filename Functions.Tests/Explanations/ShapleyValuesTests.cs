using CsCheck;
using HealthOracle.Functions.Explanations;

namespace HealthOracle.Functions.Tests.Explanations;

public sealed class ShapleyValuesTests
{
    private static readonly Gen<double[]> Games = Gen.Int[0, 6].SelectMany(n => Gen.Double[-1, 1].Array[1 << n]);

    [Fact]
    public void FromCoalitions_AnyGameOfUpToSixPlayers_EqualsTheAverageOverEveryOrder()
    {
        Games.Sample(game =>
        {
            var n = Players(game);

            var phi = Exact(game);

            var expected = Shapley.ByPermutations(n, t => game[t]);
            Assert.Equal(expected, phi, (a, b) => Math.Abs(a - b) <= 1e-12);
        }, iter: 300);
    }

    [Fact]
    public void FromCoalitions_AnyGameOfUpToFourteenPlayers_AddsUpToTheWholeLessTheEmpty()
    {
        Gen.Int[1, 14].SelectMany(n => Gen.Double[0, 1].Array[1 << n]).Sample(game =>
        {
            var phi = Exact(game);

            Assert.Equal(game[^1] - game[0], phi.Sum(), 1e-10);
        }, iter: 60);
    }

    [Fact]
    public void FromCoalitions_TwoPlayersWhoAlwaysAddTheSame_GetTheSameValue()
    {
        // v depends on how many of players 0 and 3 are in, and on the others freely: 0 and 3 are symmetric.
        Gen.Double[-1, 1].Array[3 * 16].Sample(table =>
        {
            var game = new double[1 << 6];
            for (var t = 0; t < game.Length; t++)
            {
                var pair = ((t >> 0) & 1) + ((t >> 3) & 1);
                var others = ((t >> 1) & 3) | (((t >> 4) & 3) << 2);
                game[t] = table[(pair * 16) + others];
            }

            var phi = Exact(game);

            Assert.Equal(phi[0], phi[3], 1e-12);
        }, iter: 200);
    }

    [Fact]
    public void FromCoalitions_APlayerWhoNeverChangesTheValue_GetsZero()
    {
        Gen.Double[-1, 1].Array[1 << 5].Sample(small =>
        {
            // Player 2 is inserted as a dummy: the value ignores its bit.
            var game = new double[1 << 6];
            for (var t = 0; t < game.Length; t++)
            {
                game[t] = small[(t & 3) | ((t >> 3) << 2)];
            }

            var phi = Exact(game);

            Assert.Equal(0, phi[2], 1e-12);
            Assert.Equal(Exact([.. small]), [phi[0], phi[1], phi[3], phi[4], phi[5]], (a, b) => Math.Abs(a - b) <= 1e-12);
        }, iter: 200);
    }

    [Fact]
    public void FromLogOdds_AnyTerms_EqualsTheGameOfTheSigmoidOfTheirSums()
    {
        Gen.Select(Gen.Double[-6, 6], Gen.Int[0, 10].SelectMany(n => Gen.Double[-4, 4].Array[n]), (b, d) => (b, d)).Sample(sample =>
        {
            var (baseLogOdds, d) = sample;
            var phi = new double[d.Length];

            ShapleyValues.FromLogOdds(baseLogOdds, d, phi, new double[1 << d.Length]);

            var expected = Shapley.ByPermutations(d.Length, t => Sigmoid(baseLogOdds + Enumerable.Range(0, d.Length).Where(i => (t & (1 << i)) != 0).Sum(i => d[i])));
            if (d.Length <= 6)
            {
                Assert.Equal(expected, phi, (a, e) => Math.Abs(a - e) <= 1e-12);
            }

            Assert.Equal(Sigmoid(baseLogOdds + d.Sum()) - Sigmoid(baseLogOdds), phi.Sum(), 1e-12);
        }, iter: 200);
    }

    [Fact]
    public void FromLogOdds_OneTerm_IsTheWholeChangeOfTheProbability()
    {
        var phi = new double[1];

        ShapleyValues.FromLogOdds(-1, [2], phi, new double[2]);

        Assert.Equal(Sigmoid(1) - Sigmoid(-1), phi[0], 1e-15);
    }

    [Fact]
    public void Sigmoid_VectorAndScalarPaths_MatchMathExp()
    {
        double[] values = [-800, -40, -1, -1e-9, 0, 1e-9, 0.5, 3, 40, 800, 7];

        ShapleyValues.Sigmoid(values);

        double[] expected = [.. new double[] { -800, -40, -1, -1e-9, 0, 1e-9, 0.5, 3, 40, 800, 7 }.Select(Sigmoid)];
        Assert.Equal(expected, values, (a, b) => Math.Abs(a - b) <= 1e-15);
    }

    private static double[] Exact(double[] game)
    {
        var phi = new double[Players(game)];
        ShapleyValues.FromCoalitions((double[])game.Clone(), phi);
        return phi;
    }

    private static int Players(double[] game) => System.Numerics.BitOperations.Log2((uint)game.Length);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
