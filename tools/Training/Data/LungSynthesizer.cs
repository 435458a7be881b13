using HealthOracle.Diseases.Definitions;

namespace HealthOracle.Training.Data;

/// <summary>
/// Synthetic, demonstration-only lung data: no licensed public lung-cancer-risk table exists here. Each
/// person's fields are drawn from simple distributions and the outcome from a logistic formula, all from
/// one seeded generator, so the same seed always gives the same table. The formula is the card's.
/// </summary>
internal static class LungSynthesizer
{
    /// <summary>The generator's name in a disease definition's <c>SyntheticSource</c>.</summary>
    public const string Name = "lung";

    public const int DefaultRows = 2000;
    public const int DefaultSeed = 20261126;

    /// <summary>The outcome's log-odds; the model card prints this text.</summary>
    public const string Formula =
        "logit p = −2.2 + 0.05·(age − 55) + 1.6·smoking_status + 0.006·(area_air_quality_index − 80) + 0.3·alcohol_consumption" +
        " − 0.02·(bmi − 27) + 0.9·family_history − 0.12·(physical_activity_level − 3) + 0.8·occupation_exposure";

    public const string Distributions =
        "age uniform integer 25–85; smoking_status Bernoulli(0.30); area_air_quality_index 10 + 290·u² (u uniform); " +
        "alcohol_consumption Bernoulli(0.40); bmi normal(27, 5) limited to 15–50; family_history Bernoulli(0.15); " +
        "physical_activity_level uniform integer 0–7; occupation_exposure Bernoulli(0.12); outcome Bernoulli(p)";

    /// <summary>What the model card says about the data, in place of a data set's notes.</summary>
    public static string Description =>
        $"Synthetic data: outcome drawn from {Formula}; fields drawn as {Distributions}; " +
        $"seed {DefaultSeed}, {DefaultRows} rows. The metrics show only how well the learner recovers a known formula.";

    public static double LogOdds(ReadOnlySpan<float> x) =>
        -2.2 + 0.05 * (x[0] - 55) + 1.6 * x[1] + 0.006 * (x[2] - 80) + 0.3 * x[3]
        - 0.02 * (x[4] - 27) + 0.9 * x[5] - 0.12 * (x[6] - 3) + 0.8 * x[7];

    public static PatientTable Generate(int rows = DefaultRows, int seed = DefaultSeed)
    {
        // System.Random with a seed is the documented, version-stable legacy generator.
        var random = new Random(seed);
        var table = new List<float[]>(rows);
        var labels = new List<bool>(rows);
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble();
            float[] x =
            [
                random.Next(25, 86),
                Bernoulli(random, 0.30),
                MathF.Round((float)(10 + 290 * u * u)),
                Bernoulli(random, 0.40),
                MathF.Round((float)Math.Clamp(27 + 5 * Normal(random), 15, 50), 1),
                Bernoulli(random, 0.15),
                random.Next(0, 8),
                Bernoulli(random, 0.12),
            ];
            var p = 1 / (1 + Math.Exp(-LogOdds(x)));
            table.Add(x);
            labels.Add(random.NextDouble() < p);
        }

        return new PatientTable(Lung.Definition, table, labels, []);
    }

    private static float Bernoulli(Random random, double p) => random.NextDouble() < p ? 1 : 0;

    // Box–Muller: two uniforms give one standard normal.
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
