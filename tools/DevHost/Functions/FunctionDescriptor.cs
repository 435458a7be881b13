using HealthOracle.DevHost.Rpc;

namespace HealthOracle.DevHost.Functions;

/// <summary>One function as the worker indexed it, with its trigger read from the raw bindings.</summary>
internal sealed record FunctionDescriptor(string Name, string FunctionId, TriggerBinding Trigger, RpcFunctionMetadata Metadata)
{
    public bool IsHttp => Trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);

    public bool IsTimer => Trigger.Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The trigger binding's properties that the host acts on.</summary>
internal sealed record TriggerBinding(
    string Name,
    string Type,
    AuthorizationLevel AuthLevel,
    IReadOnlyList<string> Methods,
    string? Route,
    string? Schedule,
    bool RunOnStartup);

internal enum AuthorizationLevel
{
    Anonymous,
    User,
    Function,
    System,
    Admin,
}
