using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The ASP.NET Core integration, as Functions/Program.cs starts it.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Build().Run();

internal sealed record PingAnswer(string Status, string Model);

internal sealed class Ping
{
    [Function("ping")]
    public static Ok<PingAnswer> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ping")] HttpRequest request) =>
        TypedResults.Ok(new PingAnswer("ok", "aspnetcore"));
}
