using System.CommandLine;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using HealthOracle.Training.Publishing;
using HealthOracle.Training.Verification;

namespace HealthOracle.Training.Commands;

/// <summary><c>publish --connection … | --service-uri … [--container models] [--models models]</c>.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var connection = new Option<string?>("--connection") { Description = "Storage connection string (e.g. UseDevelopmentStorage=true for Azurite)." };
        var serviceUri = new Option<Uri?>("--service-uri") { Description = "Blob service URI, reached with DefaultAzureCredential (az login, managed identity…)." };
        var container = new Option<string>("--container") { Description = "Blob container.", DefaultValueFactory = _ => "models" };
        var models = new Option<DirectoryInfo>("--models") { Description = "The models folder to upload.", DefaultValueFactory = _ => new DirectoryInfo("models") };
        var command = new Command("publish", "Upload the models, then the manifest, to Blob Storage (idempotent).") { connection, serviceUri, container, models };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(connection) is null) == (result.GetValue(serviceUri) is null))
            {
                result.AddError("Give exactly one of --connection and --service-uri.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(models)!.FullName;
            var problems = ModelVerifier.Verify(folder);
            if (problems.Count > 0)
            {
                problems.ToList().ForEach(Console.Error.WriteLine);
                Console.Error.WriteLine("publish refused: run verify and fix the models first.");
                return 1;
            }

            var service = parse.GetValue(connection) is { } text
                ? new BlobServiceClient(text)
                : new BlobServiceClient(parse.GetValue(serviceUri), new DefaultAzureCredential());
            try
            {
                var publisher = new ModelPublisher(service.GetBlobContainerClient(parse.GetValue(container)), Progress.Console);
                var result = await publisher.PublishAsync(folder, cancellationToken);
                Console.WriteLine($"Published: {result.Uploaded.Count} uploaded, {result.Unchanged.Count} unchanged; manifest last.");
                return 0;
            }
            catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException)
            {
                Console.Error.WriteLine($"publish failed: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
