using System.Text;
using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Functions.Chat;

/// <summary>Checks a chat request against <see cref="ChatLimits"/>; errors are keyed by field and name the limit.</summary>
internal static class ChatValidator
{
    private static readonly string[] Categories = ["Low", "Moderate", "High"];

    public static Dictionary<string, string[]> Validate(ChatRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Message))
        {
            errors["message"] = ["message is required."];
        }
        else if (request.Message.Length > ChatLimits.MaxMessageChars)
        {
            errors["message"] = [$"message must be at most {ChatLimits.MaxMessageChars} characters."];
        }

        ValidateHistory(request.History ?? [], errors);
        if (request.Prediction is not null)
        {
            ValidatePrediction(request.Prediction, errors);
        }

        ValidatePredictionId(request.Prediction, request.PredictionId, errors);

        return errors;
    }

    public static Dictionary<string, string[]> Validate(SuggestionsRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Prediction is null && request.PredictionId is null)
        {
            errors["prediction"] = ["prediction (or a saved prediction's predictionId) is required."];
        }
        else if (request.Prediction is not null)
        {
            ValidatePrediction(request.Prediction, errors);
        }

        ValidatePredictionId(request.Prediction, request.PredictionId, errors);
        return errors;
    }

    /// <summary>The UTF-8 size of the history's text, the quantity bounded by <see cref="ChatLimits.MaxHistoryBytes"/>.</summary>
    public static int HistoryBytes(IReadOnlyList<ChatTurn>? history) =>
        history?.Sum(turn => Encoding.UTF8.GetByteCount(turn?.Text ?? "")) ?? 0;

    /// <summary>A saved prediction is named by id alone: the server reads its values, so sending them too is refused.</summary>
    private static void ValidatePredictionId(PredictionContext? prediction, string? predictionId, Dictionary<string, string[]> errors)
    {
        if (predictionId is null)
        {
            return;
        }

        if (prediction is not null)
        {
            errors["predictionId"] = ["Send either prediction or predictionId, not both: with predictionId the server reads the saved prediction itself."];
        }
        else if (predictionId.Length is 0 or > 64)
        {
            errors["predictionId"] = ["predictionId must be the id of a prediction saved to your history."];
        }
    }

    private static void ValidateHistory(IReadOnlyList<ChatTurn> history, Dictionary<string, string[]> errors)
    {
        if (history.Count > ChatLimits.MaxHistoryTurns)
        {
            errors["history"] = [$"history may hold at most {ChatLimits.MaxHistoryTurns} turns."];
            return;
        }

        if (HistoryBytes(history) > ChatLimits.MaxHistoryBytes)
        {
            errors["history"] = [$"history may hold at most {ChatLimits.MaxHistoryBytes / 1024} KB of text in total."];
        }

        for (var i = 0; i < history.Count; i++)
        {
            if (history[i] is not { Role: "user" or "model" })
            {
                errors[$"history[{i}].role"] = ["role must be \"user\" or \"model\"."];
            }

            if (string.IsNullOrWhiteSpace(history[i]?.Text))
            {
                errors[$"history[{i}].text"] = ["text is required."];
            }
        }
    }

    private static void ValidatePrediction(PredictionContext prediction, Dictionary<string, string[]> errors)
    {
        if (!DiseaseCatalog.TryGet(prediction.Disease ?? string.Empty, out _))
        {
            errors["prediction.disease"] = [$"disease must be one of {string.Join(", ", DiseaseCatalog.Keys)}."];
        }

        if (prediction.RiskPercentage is not (>= 0 and <= 100))
        {
            errors["prediction.riskPercentage"] = ["riskPercentage is required, from 0 to 100."];
        }

        if (prediction.Category is not null && !Categories.Contains(prediction.Category))
        {
            errors["prediction.category"] = ["category must be Low, Moderate or High."];
        }

        if (prediction.Probability is not null and not (>= 0 and <= 1))
        {
            errors["prediction.probability"] = ["probability must be from 0 to 1."];
        }

        if (prediction.Inputs is { } inputs && !InputsAreBounded(inputs))
        {
            errors["prediction.inputs"] = [$"inputs may hold at most {ChatLimits.MaxInputs} fields of numbers, booleans or short text."];
        }

        if (prediction.Factors is { } factors && (factors.Count > ChatLimits.MaxInputs || factors.Any(f => f is null || f.Field is not { Length: > 0 and <= ChatLimits.MaxInputNameChars } || f.Contribution is null)))
        {
            errors["prediction.factors"] = [$"factors may hold at most {ChatLimits.MaxInputs} entries, each with a field name and a contribution."];
        }

        if (prediction.WhatIf is { } whatIf && (whatIf.Count > ChatLimits.MaxInputs || whatIf.Any(w => w is null || w.Field is not { Length: > 0 and <= ChatLimits.MaxInputNameChars } || w.RiskPercentage is not (>= 0 and <= 100))))
        {
            errors["prediction.whatIf"] = [$"whatIf may hold at most {ChatLimits.MaxInputs} entries, each with a field name and a riskPercentage from 0 to 100."];
        }

        if (prediction.Interval is { } interval
            && !(interval.LowerPercentage is >= 0 and <= 100 && interval.UpperPercentage is >= 0 and <= 100 && interval.LowerPercentage <= interval.UpperPercentage))
        {
            errors["prediction.interval"] = ["interval needs lowerPercentage and upperPercentage from 0 to 100, the lower not above the upper."];
        }

        if (prediction.Baseline is not null and not (>= 0 and <= 100))
        {
            errors["prediction.baseline"] = ["baseline must be from 0 to 100."];
        }

        if (prediction.Model?.Version?.Length > ChatLimits.MaxInputValueChars || prediction.Model?.Name?.Length > ChatLimits.MaxInputValueChars)
        {
            errors["prediction.model"] = [$"model name and version must be at most {ChatLimits.MaxInputValueChars} characters."];
        }
    }

    private static bool InputsAreBounded(Dictionary<string, JsonElement> inputs) =>
        inputs.Count <= ChatLimits.MaxInputs && inputs.All(input =>
            input.Key.Length <= ChatLimits.MaxInputNameChars && input.Value.ValueKind switch
            {
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => true,
                JsonValueKind.String => input.Value.GetString()!.Length <= ChatLimits.MaxInputValueChars,
                _ => false,
            });
}
