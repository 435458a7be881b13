using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.People.History;
using HealthOracle.Functions.People.Idempotency;
using HealthOracle.Functions.People.Profile;
using HealthOracle.Functions.People.Storage;
using HealthOracle.Functions.Predictions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.People;

internal static class PeopleExtensions
{
    /// <summary>
    /// The signed-in person's profile and history in Table Storage; it keeps their predictions as they are answered
    /// (<see cref="IPredictionObserver"/>) and gives the assistant their saved ones (<see cref="ISavedPredictions"/>).
    /// Nothing is read or connected here.
    /// </summary>
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddOptions<PeopleOptions>().BindConfiguration(PeopleOptions.Section);
        services.AddOptions<HistoryBudgetOptions>().BindConfiguration(HistoryBudgetOptions.Section);
        services.AddSingleton<PersonLocks>();
        services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, PeopleJsonContext.Default));
        services.AddSingleton<PeopleTable>();
        services.AddSingleton<PeopleStore>();
        services.AddSingleton<IProblemMapper, PeopleProblemMapper>();
        services.AddSingleton<IPredictionObserver, PredictionRecorder>();
        services.AddSingleton<IPredictionReplay, IdempotentSaves>();
        services.AddSingleton<ISavedPredictions, SavedPredictions>();
        services.RefuseCrossSiteWrites(MeFunction.Name, ProfileFunction.Name, PredictionFunction.Name, SuggestionFunction.Name);
        return services;
    }
}
