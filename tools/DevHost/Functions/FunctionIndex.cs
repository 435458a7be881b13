using System.Text.Json;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Rpc;

namespace HealthOracle.DevHost.Functions;

/// <summary>
/// Turns the worker's metadata (raw binding JSON, as in functions.metadata) into the host's view:
/// a trigger per function, and the typed <see cref="BindingInfo"/> map that a FunctionLoadRequest carries.
/// </summary>
internal static class FunctionIndex
{
    public static FunctionDescriptor Describe(RpcFunctionMetadata metadata)
    {
        TriggerBinding? trigger = null;
        foreach (var raw in metadata.RawBindings)
        {
            using var document = JsonDocument.Parse(raw);
            var binding = document.RootElement;
            var type = GetString(binding, "type") ?? "";
            var direction = GetString(binding, "direction") ?? "in";
            if (trigger is null && type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)
                && direction.Equals("in", StringComparison.OrdinalIgnoreCase))
            {
                trigger = new TriggerBinding(
                    GetString(binding, "name") ?? "",
                    type,
                    Enum.TryParse<AuthorizationLevel>(GetString(binding, "authLevel"), ignoreCase: true, out var level) ? level : AuthorizationLevel.Function,
                    GetStrings(binding, "methods"),
                    GetString(binding, "route"),
                    GetString(binding, "schedule"),
                    binding.TryGetPropertyIgnoreCase("runOnStartup", out var run) && (run.ValueKind == JsonValueKind.True
                        || (run.ValueKind == JsonValueKind.String && bool.TryParse(run.GetString(), out var parsed) && parsed)));
            }
        }

        return new FunctionDescriptor(
            metadata.Name,
            metadata.FunctionId is { Length: > 0 } id ? id : metadata.Name,
            trigger ?? new TriggerBinding("", "none", AuthorizationLevel.Admin, [], null, null, false),
            metadata);
    }

    /// <summary>The load request for one function: its metadata with the bindings map the worker reads.</summary>
    public static FunctionLoadRequest CreateLoadRequest(FunctionDescriptor function)
    {
        var metadata = function.Metadata.Clone();
        metadata.FunctionId = function.FunctionId;
        metadata.Bindings.Clear();
        foreach (var raw in metadata.RawBindings)
        {
            using var document = JsonDocument.Parse(raw);
            var binding = document.RootElement;
            var info = new BindingInfo
            {
                Type = GetString(binding, "type") ?? "",
                Direction = (GetString(binding, "direction") ?? "in").ToLowerInvariant() switch
                {
                    "out" => BindingInfo.Types.Direction.Out,
                    "inout" => BindingInfo.Types.Direction.Inout,
                    _ => BindingInfo.Types.Direction.In,
                },
                DataType = (GetString(binding, "dataType") ?? "").ToLowerInvariant() switch
                {
                    "string" => BindingInfo.Types.DataType.String,
                    "binary" => BindingInfo.Types.DataType.Binary,
                    "stream" => BindingInfo.Types.DataType.Stream,
                    _ => BindingInfo.Types.DataType.Undefined,
                },
            };
            if (binding.TryGetPropertyIgnoreCase("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    info.Properties[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            metadata.Bindings[GetString(binding, "name") ?? ""] = info;
        }

        return new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = metadata };
    }

    /// <summary>The worker asked the host to index (use_default_metadata_indexing): read functions.metadata.</summary>
    public static IReadOnlyList<RpcFunctionMetadata> ReadMetadataFile(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var result = new List<RpcFunctionMetadata>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var metadata = new RpcFunctionMetadata
            {
                Name = GetString(function, "name") ?? "",
                ScriptFile = GetString(function, "scriptFile") ?? "",
                EntryPoint = GetString(function, "entryPoint") ?? "",
                Language = GetString(function, "language") ?? "dotnet-isolated",
                Directory = appDirectory,
            };
            metadata.FunctionId = metadata.Name;
            if (function.TryGetPropertyIgnoreCase("bindings", out var bindings))
            {
                metadata.RawBindings.AddRange(bindings.EnumerateArray().Select(b => b.GetRawText()));
            }

            result.Add(metadata);
        }

        return result;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetPropertyIgnoreCase(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> GetStrings(JsonElement element, string name) =>
        element.TryGetPropertyIgnoreCase(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];
}
