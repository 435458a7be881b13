namespace HealthOracle.Training.Modeling;

/// <summary>Stratified k-fold assignment: each class shuffled with the seed and dealt round the folds.</summary>
internal static class StratifiedFolds
{
    /// <summary>The fold (0 … k−1) of every row.</summary>
    public static int[] Assign(IReadOnlyList<bool> labels, int folds, int seed)
    {
        var random = new Random(seed);
        var fold = new int[labels.Count];
        var next = 0;
        foreach (var outcome in new[] { true, false })
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == outcome).ToArray();
            random.Shuffle(members);
            foreach (var row in members)
            {
                fold[row] = next;
                next = (next + 1) % folds;
            }
        }

        return fold;
    }

    public static int[] Rows(int[] assignment, Func<int, bool> predicate) =>
        Enumerable.Range(0, assignment.Length).Where(i => predicate(assignment[i])).ToArray();
}
