using Google.Protobuf.Reflection;
using DevHostRpc = HealthOracle.DevHost.Rpc.FunctionRpcReflection;

namespace HealthOracle.DevHost.Tests.Protos;

/// <summary>
/// DevHost's own FunctionRpc.proto against the descriptors embedded in the worker's
/// Microsoft.Azure.Functions.Worker.Grpc assembly (the version the app runs): every message, field,
/// enum value and the service must match in name, number and type, or the wire bytes would differ.
/// </summary>
public sealed class ProtocolCompatibilityTests
{
    private static readonly FileDescriptor Worker = LoadWorkerDescriptor();
    // With the files it imports (NullableTypes.proto's NullableString, in the same package).
    private static readonly Dictionary<string, MessageDescriptor> WorkerMessages =
        AllMessages([.. Worker.MessageTypes, .. Worker.Dependencies.SelectMany(d => d.MessageTypes)]).DistinctBy(m => m.FullName).ToDictionary(m => m.FullName);
    private static readonly Dictionary<string, EnumDescriptor> WorkerEnums = AllMessages(Worker.MessageTypes).SelectMany(m => m.EnumTypes).Concat(Worker.EnumTypes).ToDictionary(e => e.FullName);

    // DevHost's messages with those of the files it imports (shared/NullableTypes.proto), as the worker's below.
    private static IEnumerable<MessageDescriptor> Ours =>
        AllMessages([.. DevHostRpc.Descriptor.MessageTypes, .. DevHostRpc.Descriptor.Dependencies.SelectMany(d => d.MessageTypes)]);

    public static TheoryData<string> Messages()
    {
        var data = new TheoryData<string>();
        foreach (var message in Ours)
        {
            data.Add(message.FullName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_EveryField_MatchesTheWorkersNumberAndType(string fullName)
    {
        var ours = Ours.Single(m => m.FullName == fullName);

        var theirs = WorkerMessages.GetValueOrDefault(fullName);

        Assert.True(theirs is not null, $"{fullName} is not in the worker's protocol");
        foreach (var field in ours.Fields.InFieldNumberOrder())
        {
            var match = theirs.FindFieldByNumber(field.FieldNumber);
            Assert.True(match is not null, $"{fullName}.{field.Name} = {field.FieldNumber} is not in the worker's protocol");
            Assert.Equal(match.Name, field.Name);
            Assert.Equal(match.FieldType, field.FieldType);
            Assert.Equal(match.IsRepeated, field.IsRepeated);
            Assert.Equal(match.IsMap, field.IsMap);
            Assert.Equal(match.ContainingOneof?.Name, field.ContainingOneof?.Name);
            Assert.Equal(TypeName(match), TypeName(field));
        }
    }

    [Fact]
    public void Enums_EveryValue_MatchesTheWorkers()
    {
        var enums = AllMessages(DevHostRpc.Descriptor.MessageTypes).SelectMany(m => m.EnumTypes);

        var mismatches = enums
            .SelectMany(e => e.Values.Select(v => (Enum: e, Value: v)))
            .Where(x => WorkerEnums.GetValueOrDefault(x.Enum.FullName)?.FindValueByNumber(x.Value.Number)?.Name != x.Value.Name)
            .Select(x => $"{x.Enum.FullName}.{x.Value.Name}")
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void EventStream_IsTheWorkersBidirectionalStream()
    {
        var ours = DevHostRpc.Descriptor.Services.Single().FindMethodByName("EventStream");

        var theirs = Worker.Services.Single(s => s.FullName == "AzureFunctionsRpcMessages.FunctionRpc").FindMethodByName("EventStream");

        Assert.Equal(theirs.InputType.FullName, ours.InputType.FullName);
        Assert.True(ours.IsClientStreaming && ours.IsServerStreaming && theirs.IsClientStreaming && theirs.IsServerStreaming);
    }

    private static string? TypeName(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message => field.MessageType.FullName,
        FieldType.Enum => field.EnumType.FullName,
        _ => null,
    };

    private static IEnumerable<MessageDescriptor> AllMessages(IEnumerable<MessageDescriptor> messages) =>
        messages.Where(m => m.GetOptions()?.MapEntry != true).SelectMany(m => AllMessages(m.NestedTypes).Prepend(m));

    private static FileDescriptor LoadWorkerDescriptor()
    {
        var type = Type.GetType("Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection, Microsoft.Azure.Functions.Worker.Grpc", throwOnError: true)!;
        return (FileDescriptor)type.GetProperty("Descriptor")!.GetValue(null)!;
    }
}
