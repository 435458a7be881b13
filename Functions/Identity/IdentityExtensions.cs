using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace HealthOracle.Functions.Identity;

internal static class IdentityExtensions
{
    /// <summary>Who is calling, from the platform's sign-in (<see cref="CallerMiddleware"/>); read with <c>request.Caller()</c>.</summary>
    public static FunctionsApplicationBuilder AddIdentity(this FunctionsApplicationBuilder builder)
    {
        builder.UseMiddleware<CallerMiddleware>();
        return builder;
    }
}
