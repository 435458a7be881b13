using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Chat;

internal static class ChatExtensions
{
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        return services;
    }
}
