using System.Text.Json;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// The assistant's forms as the site posts them, read into the chat's own requests so that they pass the one chat
/// gate: a question (<c>message</c>, the conversation as <c>history_user</c>/<c>history_model</c> pairs) and the
/// result it is about (the live result as <c>prediction</c>, JSON, or a saved one's <c>predictionId</c>).
/// </summary>
internal static class AssistantForms
{
    public static (AssistantQuestion?, Problem?) Question(ReceivedBody body)
    {
        var form = body.Form!;
        var (prediction, id, problem) = Context(form);
        if (problem is not null)
        {
            return (null, problem);
        }

        var users = form[ChatFields.HistoryUser];
        var models = form[ChatFields.HistoryModel];
        if (users.Count != models.Count)
        {
            return (null, ChatProblems.Invalid("history", "The conversation in the form is incomplete; start a new conversation."));
        }

        var history = new List<ChatTurn>(users.Count * 2);
        for (var i = 0; i < users.Count; i++)
        {
            history.Add(new ChatTurn("user", users[i]));
            history.Add(new ChatTurn("model", models[i]));
        }

        var message = form[ChatFields.Message].ToString().Trim();
        return (new AssistantQuestion(new ChatRequest(message.Length > 0 ? message : null, history, prediction, id)), null);
    }

    public static (SuggestionsRequest?, Problem?) Suggestions(ReceivedBody body)
    {
        var (prediction, id, problem) = Context(body.Form!);
        return problem is null ? (new SuggestionsRequest(prediction, id), null) : (null, problem);
    }

    private static (PredictionContext? Prediction, string? Id, Problem? Problem) Context(IFormCollection form)
    {
        var id = form[AssistantView.PredictionIdField].ToString() is { Length: > 0 } value ? value : null;
        if (form[AssistantView.PredictionField].ToString() is not { Length: > 0 } json)
        {
            return (null, id, null);
        }

        try
        {
            return (JsonSerializer.Deserialize(json, ChatJsonContext.Default.PredictionContext), id, null);
        }
        catch (JsonException)
        {
            return (null, null, ChatProblems.Invalid("prediction", "The result sent with the question could not be read; ask about it again from the result."));
        }
    }
}

/// <summary>
/// A question from the assistant's page. Posted from a result with no question yet, it opens a conversation about
/// that result: then only the result is checked (nothing is asked of the model).
/// </summary>
internal sealed record AssistantQuestion(ChatRequest Chat) : IChatBody<AssistantQuestion>
{
    public bool Opening => Chat.Message is null && (Chat.Prediction is not null || Chat.PredictionId is not null);

    public string? PredictionId => Chat.PredictionId;

    public Dictionary<string, string[]> Validate() =>
        Opening ? ChatValidator.Validate(new SuggestionsRequest(Chat.Prediction, Chat.PredictionId)) : ChatValidator.Validate(Chat);

    public AssistantQuestion WithPrediction(PredictionContext prediction) => new(Chat with { Prediction = prediction });
}
