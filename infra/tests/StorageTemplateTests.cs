using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>Every storage account (host, models, people) accepts Entra ID only, exposes nothing publicly and refuses old TLS.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class StorageTemplateTests(CompiledInfra compiled)
{
    [Theory]
    [InlineData("hostStorage")]
    [InlineData("modelStorage")]
    [InlineData("peopleStorage")]
    public void StorageAccount_Module_IsIdentityOnlyPrivateAndTls12(string module)
    {
        var template = compiled.Main.Module(module);

        var account = template.ResourcesOfType("Microsoft.Storage/storageAccounts").Single();
        var properties = account["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.True(properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public void Containers_AllOfThem_ArePrivate()
    {
        var containers = compiled.Main.SelfAndModules()
            .SelectMany(template => template.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers"))
            .Where(container => container["existing"]?.GetValue<bool>() != true)
            .ToList();

        Assert.NotEmpty(containers);
        Assert.All(containers, container => Assert.Equal("None", container["properties"]!["publicAccess"]!.GetValue<string>()));
    }

    [Fact]
    public void Containers_ModelStore_HoldsTheModelsContainerAndHostStoreTheDeploymentPackages()
    {
        var main = compiled.Main;

        var modelContainers = main.Module("modelStorage").PassedValue("containers");
        var hostContainers = main.Module("hostStorage").PassedValue("containers");

        Assert.Contains("parameters('modelsContainerName')", modelContainers);
        Assert.Contains("variables('deploymentContainerName')", hostContainers);
        Assert.DoesNotContain("modelsContainerName", hostContainers);
        Assert.Equal("models", main.Json["parameters"]!["modelsContainerName"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void StorageAccounts_HostAndModelStore_AreDifferentAccounts()
    {
        var variables = compiled.Main.Json["variables"]!;

        var host = variables["hostStorageAccountName"]!.GetValue<string>();
        var model = variables["modelStorageAccountName"]!.GetValue<string>();

        Assert.NotEqual(host, model);
        Assert.Contains("hostStorageAccountName", compiled.Main.Module("hostStorage").PassedValue("name"));
        Assert.Contains("modelStorageAccountName", compiled.Main.Module("modelStorage").PassedValue("name"));
    }

    [Fact]
    public void CompiledTemplate_Anywhere_HoldsNoKeyOrConnectionStringForStorage()
    {
        var json = compiled.MainJson;

        string[] forbidden = ["AccountKey", "listKeys", "listAccountSas", "listServiceSas", "SharedAccessSignature", "DefaultEndpointsProtocol", "UseDevelopmentStorage"];

        Assert.NotEmpty(json);
        Assert.All(forbidden, word => Assert.DoesNotContain(word, json, StringComparison.OrdinalIgnoreCase));
    }
}
