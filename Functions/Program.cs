using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Fhir;
using HealthOracle.Functions.Gateway;
using HealthOracle.Functions.Health;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.OpenApi;
using HealthOracle.Functions.Pages;
using HealthOracle.Functions.People;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Site;
using HealthOracle.Functions.WarmUp;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();

// The edge, in the order a request meets it: failures mapped, who is calling, which calls the gateway owns.
builder.AddInfrastructure();
builder.AddIdentity();
builder.AddGateway();

// One call per feature, each after the features it uses; each registers only its own services. Features
// depend one way: People listens to Predictions and answers Chat, neither of which knows it; the pages the site
// posts to use them all.
builder.Services
    .AddModelStore()
    .AddExplanations()
    .AddPredictions()
    .AddChat()
    .AddPeople()
    .AddSite()
    .AddPages()
    .AddFhir()
    .AddHealthReport()
    .AddOpenApi();
builder.AddWarmUp();

builder.Build().Run();
