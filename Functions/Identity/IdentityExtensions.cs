using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthOracle.Functions.Identity;

internal static class IdentityExtensions
{
    /// <summary>
    /// Who is calling, from the platform's sign-in (<see cref="CallerMiddleware"/>); read with <c>request.Caller()</c>.
    /// A signed-in write from another site's page is found here too (<see cref="CrossSiteWriteMiddleware"/>).
    /// </summary>
    public static FunctionsApplicationBuilder AddIdentity(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddOptions<WriteOriginOptions>().BindConfiguration(WriteOriginOptions.Section);
        builder.Services.AddSingleton<WriteOrigin>();
        builder.UseMiddleware<CallerMiddleware>();
        builder.UseMiddleware<CrossSiteWriteMiddleware>();
        return builder;
    }

    /// <summary>Answers 403 to a signed-in write from another site's page for these functions, before they run.</summary>
    public static IServiceCollection RefuseCrossSiteWrites(this IServiceCollection services, params string[] functionNames) =>
        services.Configure<CrossSiteRefusals>(refusals => refusals.Functions.UnionWith(functionNames));
}
