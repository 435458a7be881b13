// A paying caller's first program: the client Kiota generated from the served document, against the
// running app (its /api address is the first argument). Prints one line per call for KiotaClientTests.
using HealthOracle.Client;
using HealthOracle.Client.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = args[0] };
var client = new HealthOracleClient(adapter);

var schema = await client.Predict.Heart.GetAsync();
Console.WriteLine($"schema {schema!.Disease} {schema.Fields!.Count} {schema.Fields[0].Name} {schema.Fields[0].Min}-{schema.Fields[0].Max}");

HealthOracle.Client.Models.HeartPatient Patient(int age) => new()
{
    Age = age, Sex = 1, Cp = 1, Trestbps = 145, Chol = new HealthOracle.Client.Models.HeartPatient.HeartPatient_chol { Double = 233 }, Fbs = 1, Restecg = 2,
    Thalach = 150, Exang = 0, Oldpeak = 2.3, Slope = 3, Ca = 0, Thal = 6,
};

// The document requires api-version on a disease's predictions (docs/api.md, Versions): Kiota's enum of its one value.
void Versioned(Microsoft.Kiota.Abstractions.RequestConfiguration<HealthOracle.Client.Predict.Heart.HeartRequestBuilder.HeartRequestBuilderPostQueryParameters> call) =>
    call.QueryParameters.ApiVersion = HealthOracle.Client.Predict.Heart.PostApiVersionQueryParameterType.TwoZeroTwoSixOneTwoZeroSeven;

void VersionedBatch(Microsoft.Kiota.Abstractions.RequestConfiguration<HealthOracle.Client.Predict.Heart.Batch.BatchRequestBuilder.BatchRequestBuilderPostQueryParameters> call) =>
    call.QueryParameters.ApiVersion = HealthOracle.Client.Predict.Heart.Batch.PostApiVersionQueryParameterType.TwoZeroTwoSixOneTwoZeroSeven;

// One patient: one object in, one PredictionResult out (a batch has its own operation), through the generated methods.
var result = await client.Predict.Heart.PostAsync(Patient(63), Versioned);
Console.WriteLine($"predict {result!.Disease} {result.RiskPercentage:0.##} {result.Category} {result.Model!.Version}");

var batch = await client.Predict.Heart.Batch.PostAsync(new HeartBatch { Patients = [Patient(63), Patient(50)] }, VersionedBatch);
Console.WriteLine($"batch {batch!.Results!.Count} {batch.Results[0].RiskPercentage:0.##} {batch.Results[1].Disease}");

var whatIf = await client.Predict.Heart.WhatIf.PostAsync(new HeartWhatIf { Patient = Patient(63), Changes = new HeartPatientChanges { Trestbps = 120 } });
Console.WriteLine($"what-if {whatIf!.Disease} {whatIf.Difference:0.##}");

try
{
    await client.Predict.Heart.PostAsync(Patient(5), Versioned);
    Console.WriteLine("problem none");
}
catch (Problem problem)
{
    Console.WriteLine($"problem {problem.Status} {problem.Code} {string.Join(",", problem.Errors!.AdditionalData.Keys)} {problem.RequestId?.Length > 0}");
}
