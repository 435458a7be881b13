global using PredictionHttpResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<HealthOracle.Functions.Predictions.PredictionResult>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<HealthOracle.Functions.Predictions.LeanPredictionResult>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<HealthOracle.Functions.Predictions.PredictionResult[]>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<HealthOracle.Functions.Predictions.SchemaResponse>,
    HealthOracle.Functions.Infrastructure.Problem>;
