using System.Text.Json.Nodes;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// The instance size (issue 29): 512 MB by default, as docs/cost.md's "Instance size" measures (the worker's
/// peak under abuse 270 MB, 47 % of 512 MB to spare), with the platform's three sizes allowed.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class InstanceSizeTests(CompiledInfra compiled)
{
    [Fact]
    public void InstanceMemory_Default_Is512WithThePlatformsSizesAllowed()
    {
        var main = compiled.Main.Json["parameters"]!["instanceMemoryMB"]!;
        var file = JsonNode.Parse(File.ReadAllText(InfraPaths.MainParameters))!["parameters"]!.AsObject();

        Assert.Equal(512, main["defaultValue"]!.GetValue<int>());
        Assert.Equal([512, 2048, 4096], main["allowedValues"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Equal("${INSTANCE_MEMORY_MB=512}", file["instanceMemoryMB"]!["value"]!.GetValue<string>());
        Assert.Equal("[parameters('instanceMemoryMB')]", compiled.Main.Module("api").PassedValue("instanceMemoryMB"));
    }
}
