using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>The end-to-end tests run the worker this test build compiled, never one left from another build.</summary>
public sealed class PublishedWorkerTests
{
    [Fact]
    public void WorkerBesideTheTests_IsTheCompilationTheseTestsReference()
    {
        var referenced = Assembly.Load("HealthOracle.Functions").ManifestModule.ModuleVersionId;

        using var published = new PEReader(File.OpenRead(Path.Combine(DevHostServer.WorkerDirectory, "HealthOracle.Functions.dll")));
        var metadata = published.GetMetadataReader();

        Assert.Equal(referenced, metadata.GetGuid(metadata.GetModuleDefinition().Mvid));
    }
}
