using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Hosting;

// The built-in HTTP model: FunctionsApplication.CreateBuilder applies the worker defaults
// (ConfigureFunctionsWorkerDefaults); there is no ConfigureFunctionsWebApplication, so no Kestrel.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Build().Run();

internal sealed record PingAnswer(string Status, string Model);

internal sealed class Ping
{
    [Function("ping")]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ping")] HttpRequestData request)
    {
        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new PingAnswer("ok", "built-in"));
        return response;
    }
}
