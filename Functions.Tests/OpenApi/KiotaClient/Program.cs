// A paying caller's first program: the client Kiota generated from the served document, against the
// running app (its /api address is the first argument). Prints one line per call for KiotaClientTests.
using HealthOracle.Client;
using HealthOracle.Client.Models;
using HealthOracle.Client.Predict.Heart;
using PredictionResult = HealthOracle.Client.Models.PredictionResult;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = args[0] };
var client = new HealthOracleClient(adapter);

var schema = await client.Predict.Heart.GetAsync();
Console.WriteLine($"schema {schema!.Disease} {schema.Fields!.Count} {schema.Fields[0].Name} {schema.Fields[0].Min}-{schema.Fields[0].Max}");

HealthOracle.Client.Models.HeartPatient Patient(int age) => new()
{
    Age = age, Sex = 1, Cp = 1, Trestbps = 145, Chol = 233, Fbs = 1, Restecg = 2,
    Thalach = 150, Exang = 0, Oldpeak = 2.3, Slope = 3, Ca = 0, Thal = 6,
};

// The answer is an object for one patient and an array for a batch (`oneOf`); Kiota 1.38's wrapper for that
// union cannot tell them apart without a discriminator, so a caller who sends one patient reads one result:
// the generated request, serializers, model and error mapping, sent with the adapter (docs/api.md).
async Task<PredictionResult> PredictAsync(HealthOracle.Client.Models.HeartPatient patient)
{
    var request = client.Predict.Heart.ToPostRequestInformation(new HeartRequestBuilder.HeartPostRequestBody { HeartPostRequestBodyHeartPatient = patient });
    var errors = new Dictionary<string, Microsoft.Kiota.Abstractions.Serialization.ParsableFactory<Microsoft.Kiota.Abstractions.Serialization.IParsable>>
    {
        ["4XX"] = Problem.CreateFromDiscriminatorValue,
        ["5XX"] = Problem.CreateFromDiscriminatorValue,
    };
    return (await adapter.SendAsync(request, PredictionResult.CreateFromDiscriminatorValue, errors))!;
}

var result = await PredictAsync(Patient(63));
Console.WriteLine($"predict {result.Disease} {result.RiskPercentage:0.##} {result.Category} {result.Model!.Version}");

try
{
    await PredictAsync(Patient(5));
    Console.WriteLine("problem none");
}
catch (Problem problem)
{
    Console.WriteLine($"problem {problem.Status} {problem.Title} {string.Join(",", problem.Errors!.AdditionalData.Keys)}");
}
