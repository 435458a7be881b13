global using PredictionHttpResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<HealthOracle.Functions.Predictions.PredictionResult>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<HealthOracle.Functions.Predictions.PredictionResult[]>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<HealthOracle.Functions.Predictions.SchemaResponse>,
    Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>;
