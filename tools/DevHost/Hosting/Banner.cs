using HealthOracle.DevHost.Workers;

namespace HealthOracle.DevHost.Hosting;

/// <summary>Prints the function URLs once the worker is ready, as <c>func start</c> does.</summary>
internal static class Banner
{
    public static void Print(IServiceProvider services, DevHostContext context)
    {
        var supervisor = services.GetRequiredService<WorkerSupervisor>();
        var printed = 0;
        supervisor.WorkerReady += worker =>
        {
            if (Interlocked.Exchange(ref printed, 1) == 1)
            {
                return;
            }

            var root = $"http://127.0.0.1:{context.Options.Port}";
            var lines = new List<string> { "", "Functions:", "" };
            foreach (var function in worker.Functions.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var route = worker.Routes.Routes.FirstOrDefault(r => r.Function == function);
                lines.Add(route is null
                    ? $"        {function.Name}: {function.Trigger.Type}"
                    : $"        {function.Name}: [{(route.Methods.Count == 0 ? "ANY" : string.Join(",", route.Methods.Select(m => m.ToUpperInvariant())))}] {root}/{route.Template.TemplateText} ({function.Trigger.AuthLevel.ToString().ToLowerInvariant()})");
            }

            lines.Add("");
            if (context.Options.SiteDirectory is not null)
            {
                lines.Add($"Site: http://127.0.0.1:{context.Options.SitePort}/ (from {context.Options.SiteDirectory})");
            }

            lines.Add($"Admin API: {root}/admin/host/status, POST {root}/admin/functions/{{name}} (master key)");
            lines.Add(context.Options.AuthEmulation
                ? $"Sign-in (App Service Authentication, emulated): {root}/.auth/login/aad, {root}/.auth/me, {root}/.auth/logout"
                : "Sign-in: off (--auth off), as a Function App without App Service Authentication");
            if (context.Telemetry.ReceiverUri is { } receiver)
            {
                lines.Add($"Telemetry: the worker exports OTLP to {receiver}"
                    + (context.Telemetry.Summary ? "; printed here" : "")
                    + (context.Telemetry.ForwardTo is { } forward ? $"; forwarded to {forward}" : "")
                    + $"; GET {root}/admin/telemetry (master key) lists it");
            }

            if (context.Settings.CorsCredentials && context.Settings.CorsOrigins.Contains("*"))
            {
                lines.Add("CORS: Host.CORS is * and Host.CORSCredentials is true; the CORS protocol forbids credentials with *, so credentials are off. List the origins instead.");
            }

            lines.Add("");
            Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        };
    }
}
