var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapGet("/api/ping", () => TypedResults.Ok(new PingAnswer("ok", "web")));
app.Run();

internal sealed record PingAnswer(string Status, string Model);
