using HealthOracle.Functions.People.History;
using HealthOracle.Functions.People.Identity;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthOracle.Functions.People;

internal static class PeopleExtensions
{
    /// <summary>Who is calling (from the platform's sign-in), and their profile and history in Table Storage.</summary>
    public static FunctionsApplicationBuilder AddPeople(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddOptions<PeopleOptions>().BindConfiguration(PeopleOptions.Section);
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, PeopleJsonContext.Default));
        builder.Services.AddSingleton<PeopleTable>();
        builder.Services.AddSingleton<PeopleStore>();
        builder.Services.AddSingleton<PredictionRecorder>();
        builder.Services.AddSingleton<SavedPredictions>();
        builder.UseMiddleware<CallerMiddleware>();
        builder.UseMiddleware<PeopleStoreFailureMiddleware>();
        return builder;
    }
}
