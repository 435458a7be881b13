using System.CommandLine;
using HealthOracle.Training.Verification;

namespace HealthOracle.Training.Commands;

/// <summary><c>verify [--models models]</c>: exits 1 when the manifest and the files disagree.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var models = new Option<DirectoryInfo>("--models") { Description = "The models folder to check.", DefaultValueFactory = _ => new DirectoryInfo("models") };
        var command = new Command("verify", "Check the manifest against the model files and the disease schemas.") { models };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(models)!.FullName;
            var problems = ModelVerifier.Verify(folder);
            foreach (var problem in problems)
            {
                Console.Error.WriteLine(problem);
            }

            Console.WriteLine(problems.Count == 0 ? $"{folder}: every model matches its manifest entry and schema." : $"{problems.Count} problem(s).");
            return problems.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
