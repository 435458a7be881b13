using HealthOracle.Functions.People.History;
using HealthOracle.Functions.People.Identity;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HealthOracle.Functions.People;

internal static class PeopleExtensions
{
    /// <summary>Who is calling (from the platform's sign-in), and their profile and history in Table Storage.</summary>
    public static FunctionsApplicationBuilder AddPeople(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddPeopleStore();
        builder.Services.AddOptions<WriteOriginOptions>().BindConfiguration(WriteOriginOptions.Section);
        builder.Services.AddSingleton<WriteOrigin>();
        builder.UseMiddleware<CallerMiddleware>();
        builder.UseMiddleware<CrossSiteWriteMiddleware>();
        builder.UseMiddleware<PeopleStoreFailureMiddleware>();
        return builder;
    }

    /// <summary>The storage side alone (what the prediction and chat functions use); nothing is read or connected here.</summary>
    public static IServiceCollection AddPeopleStore(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(PeopleStore)))
        {
            return services;
        }

        services.AddOptions<PeopleOptions>().BindConfiguration(PeopleOptions.Section);
        services.AddOptions<HistoryBudgetOptions>().BindConfiguration(HistoryBudgetOptions.Section);
        services.AddSingleton<PersonLocks>();
        services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, PeopleJsonContext.Default));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PeopleTable>();
        services.AddSingleton<PeopleStore>();
        services.AddSingleton<PredictionRecorder>();
        services.AddSingleton<SavedPredictions>();
        return services;
    }
}
