using System.Diagnostics;

namespace HealthOracle.Training;

/// <summary>Console progress: a line per step with its duration, and a counter on long steps.</summary>
internal sealed class Progress(TextWriter output)
{
    public static Progress Console { get; } = new(System.Console.Out);

    public static Progress Silent { get; } = new(TextWriter.Null);

    private readonly bool _interactive = output == System.Console.Out && !System.Console.IsOutputRedirected;

    public void Info(string message) => output.WriteLine(message);

    /// <summary>Runs a step, showing "message… done (1.2 s)".</summary>
    public T Step<T>(string message, Func<Action<int, int>, T> step)
    {
        var clock = Stopwatch.StartNew();
        output.Write($"  {message}…");
        var result = step((done, total) =>
        {
            if (_interactive)
            {
                output.Write($"\r  {message}… {done}/{total}");
            }
        });
        output.WriteLine(_interactive ? $"\r  {message}… done ({clock.Elapsed.TotalSeconds:0.0} s)    " : $" done ({clock.Elapsed.TotalSeconds:0.0} s)");
        return result;
    }

    public T Step<T>(string message, Func<T> step) => Step(message, _ => step());

    public async Task<T> StepAsync<T>(string message, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        output.Write($"  {message}…");
        var result = await step();
        output.WriteLine($" done ({clock.Elapsed.TotalSeconds:0.0} s)");
        return result;
    }

    public void Step(string message, Action step) => Step(message, _ => { step(); return 0; });
}
