using System.CommandLine;
using HealthOracle.Training.Commands;

var root = new RootCommand("Trains HealthOracle's disease models from public data, verifies them and publishes them to Blob Storage.");
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(PublishCommand.Create());
return await root.Parse(args).InvokeAsync();
