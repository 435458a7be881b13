using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Fhir;
using HealthOracle.Functions.Gateway;
using HealthOracle.Functions.Health;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.OpenApi;
using HealthOracle.Functions.People;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Site;
using HealthOracle.Functions.WarmUp;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Architecture;

/// <summary>
/// Each feature registers only its own services (Program.cs calls one Add per feature, in order): every service
/// of the app a feature's Add registers is implemented in that feature's folder. A feature may register its
/// implementation of another's interface (People's observer of Predictions), never another feature's class.
/// </summary>
public sealed class FeatureRegistrationTests
{
    public static TheoryData<string> Features => [.. Registrations.Keys];

    private static readonly Dictionary<string, Action<FunctionsApplicationBuilder>> Registrations = new()
    {
        ["Infrastructure"] = builder => builder.AddInfrastructure(),
        ["Identity"] = builder => builder.AddIdentity(),
        ["Gateway"] = builder => builder.AddGateway(),
        ["Models"] = builder => builder.Services.AddModelStore(),
        ["Explanations"] = builder => builder.Services.AddExplanations(),
        ["Predictions"] = builder => builder.Services.AddPredictions(),
        ["Chat"] = builder => builder.Services.AddChat(),
        ["People"] = builder => builder.Services.AddPeople(),
        ["Site"] = builder => builder.Services.AddSite(),
        ["Fhir"] = builder => builder.Services.AddFhir(),
        ["Health"] = builder => builder.Services.AddHealthReport(),
        ["OpenApi"] = builder => builder.Services.AddOpenApi(),
        ["WarmUp"] = builder => builder.AddWarmUp(),
    };

    [Theory]
    [MemberData(nameof(Features))]
    public void Add_Feature_RegistersOnlyItsOwnServices(string feature)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        var before = builder.Services.ToHashSet();

        Registrations[feature](builder);

        var own = $"HealthOracle.Functions.{feature}";
        var foreign = builder.Services.Except(before)
            .Select(Implementation)
            .Where(type => type?.Namespace?.StartsWith("HealthOracle.Functions", StringComparison.Ordinal) == true)
            .Where(type => !(type!.Namespace == own || type.Namespace!.StartsWith(own + ".", StringComparison.Ordinal)))
            .Select(type => type!.FullName)
            .ToList();
        Assert.True(foreign.Count == 0, $"{feature} registers other features' services: {string.Join(", ", foreign)}");
    }

    [Fact]
    public void Program_EveryFeature_IsRegisteredOnce()
    {
        var program = File.ReadAllText(Path.Combine(TestSupport.RepositoryPaths.Root, "Functions", "Program.cs"));

        foreach (var add in new[] { "AddInfrastructure()", "AddIdentity()", "AddGateway()", "AddModelStore()", "AddExplanations()", "AddPredictions()", "AddChat()", "AddPeople()", "AddSite()", "AddFhir()", "AddHealthReport()", "AddOpenApi()", "AddWarmUp()" })
        {
            Assert.Equal(1, program.Split(add).Length - 1);
        }
    }

    /// <summary>The class a registration makes: its implementation type, or for a factory or instance the service type.</summary>
    private static Type? Implementation(ServiceDescriptor descriptor) =>
        descriptor.IsKeyedService ? descriptor.KeyedImplementationType ?? descriptor.ServiceType
        : descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType() ?? descriptor.ServiceType;
}
