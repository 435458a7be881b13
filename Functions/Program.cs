using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Gateway;
using HealthOracle.Functions.Health;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.OpenApi;
using HealthOracle.Functions.Pages;
using HealthOracle.Functions.People;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.WarmUp;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();
builder.AddInfrastructure();
builder.AddGateway();
builder.AddPeople();

// One call per feature; each feature keeps its registrations beside its code.
builder.Services.AddModelStore();
builder.Services.AddPredictions();
builder.Services.AddHealthReport();
builder.Services.AddChat();
builder.AddWarmUp();
builder.Services.AddOpenApi();
builder.Services.AddPages();

builder.Build().Run();
