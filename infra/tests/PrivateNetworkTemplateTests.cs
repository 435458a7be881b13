using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// The private-network option (VNET_ENABLED, off by default as in Microsoft's quickstart): a virtual network
/// the app's outbound traffic goes through, private endpoints for the three storage accounts and the vault,
/// public network access off for the host's and the people's data; and, always, people's data protected:
/// every access to its table logged, a CanNotDelete lock.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class PrivateNetworkTemplateTests(CompiledInfra compiled)
{
    private ArmTemplate Main => compiled.Main;

    [Fact]
    public void Option_Default_IsOffAndTheParameterFileReadsIt()
    {
        var parameter = Main.Json["parameters"]!["vnetEnabled"]!;

        Assert.False(parameter["defaultValue"]!.GetValue<bool>());
        Assert.Equal("${VNET_ENABLED=false}", System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(InfraPaths.MainParameters))!["parameters"]!["vnetEnabled"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void PrivateEndpoints_CoverTheThreeStorageAccountsAndTheVault()
    {
        var specs = Main.Json["variables"]!["privateEndpointSpecs"]!.AsArray()
            .Select(spec => (Target: spec!["target"]!.GetValue<string>(), Group: spec["groupId"]!.GetValue<string>()))
            .ToList();

        var loop = Main.Modules.Where(m => m.Path.Contains("privateEndpoint-", StringComparison.Ordinal)).ToList();
        var copy = Main.ResourcesOfType("Microsoft.Resources/deployments").Single(d => d["name"]!.GetValue<string>().Contains("privateEndpoint-", StringComparison.Ordinal))["copy"]!;

        Assert.Equal([("host", "blob"), ("host", "table"), ("models", "blob"), ("people", "table"), ("vault", "vault")], specs);
        Assert.Equal("[length(if(parameters('vnetEnabled'), variables('privateEndpointSpecs'), createArray()))]", copy["count"]!.GetValue<string>());
        var endpoint = Assert.Single(loop).ResourcesOfType("Microsoft.Network/privateEndpoints").Single()["properties"]!;
        Assert.Equal("[parameters('groupId')]", endpoint["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]![0]!.GetValue<string>());
        Assert.Single(Assert.Single(loop).ResourcesOfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups"));
    }

    [Fact]
    public void Network_AppSubnet_IsDelegatedForFlexConsumptionAndWiredToTheApp()
    {
        var network = Main.Module("network");

        var subnets = network.ResourcesOfType("Microsoft.Network/virtualNetworks").Single()["properties"]!["subnets"]!.AsArray();
        var zones = Main.Json["variables"]!["privateDnsZoneNames"]!.AsArray().Select(z => z!.GetValue<string>()).ToList();

        var delegated = subnets.Where(s => s!["properties"]!["delegations"] is not null).ToList();
        Assert.Equal(2, subnets.Count);
        Assert.Equal("Microsoft.App/environments", Assert.Single(delegated)!["properties"]!["delegations"]![0]!["properties"]!["serviceName"]!.GetValue<string>());
        Assert.Contains("'network'", Main.Module("api").PassedValue("virtualNetworkSubnetId"));
        Assert.Contains("appSubnetId", Main.Module("api").PassedValue("virtualNetworkSubnetId"));
        Assert.Equal("[if(empty(parameters('virtualNetworkSubnetId')), null(), parameters('virtualNetworkSubnetId'))]", Main.Module("api").ResourcesOfType("Microsoft.Web/sites").Single()["properties"]!["virtualNetworkSubnetId"]!.GetValue<string>());
        Assert.Equal(["[format('privatelink.blob.{0}', environment().suffixes.storage)]", "[format('privatelink.table.{0}', environment().suffixes.storage)]", "privatelink.vaultcore.azure.net"], zones);
    }

    [Theory]
    [InlineData("hostStorage", "private")]
    [InlineData("peopleStorage", "private")]
    [InlineData("modelStorage", "selected")]
    public void Storage_WithTheOption_ClosesItsPublicEndpoint(string module, string access)
    {
        var passed = Main.Module(module).PassedValue("networkAccess");

        Assert.Equal($"[if(parameters('vnetEnabled'), createObject('value', '{access}'), createObject('value', 'public'))]", passed);
    }

    [Fact]
    public void Storage_Private_MeansPublicNetworkAccessDisabledAndDenyByDefault()
    {
        var account = Main.Module("peopleStorage").ResourcesOfType("Microsoft.Storage/storageAccounts").Single()["properties"]!;

        var acls = ArmTemplate.Text(account["networkAcls"]);

        Assert.Equal("[if(equals(parameters('networkAccess'), 'private'), 'Disabled', 'Enabled')]", account["publicNetworkAccess"]!.GetValue<string>());
        Assert.StartsWith("[if(equals(parameters('networkAccess'), 'public'), createObject('bypass', 'AzureServices', 'defaultAction', 'Allow')", acls);
        Assert.Contains("createObject('bypass', 'None', 'defaultAction', 'Deny', 'ipRules', variables('ipRules'))", acls);
        Assert.Contains("parameters('networkAccess'), 'selected'), parameters('allowedIpAddresses')", ArmTemplate.Text(Main.Module("peopleStorage").Json["variables"]));
        Assert.Contains("variables('modelPublishIps')", Main.Module("modelStorage").PassedValue("allowedIpAddresses"));
    }

    [Fact]
    public void People_Lock_IsCanNotDeleteOnTheirAccountOnlyAndOnByDefault()
    {
        var lockResource = Main.Module("peopleStorage").ResourcesOfType("Microsoft.Authorization/locks").Single();

        Assert.Equal("CanNotDelete", lockResource["properties"]!["level"]!.GetValue<string>());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]", lockResource["scope"]!.GetValue<string>());
        Assert.Equal("[not(empty(parameters('deleteLockName')))]", lockResource["condition"]!.GetValue<string>());
        Assert.Equal("[if(parameters('peopleStorageLock'), createObject('value', 'people-data-can-not-delete'), createObject('value', ''))]", Main.Module("peopleStorage").PassedValue("deleteLockName"));
        Assert.True(Main.Json["parameters"]!["peopleStorageLock"]!["defaultValue"]!.GetValue<bool>());
        Assert.All(["hostStorage", "modelStorage"], module => Assert.Throws<KeyNotFoundException>(() => Main.Module(module).PassedValue("deleteLockName")));
        Assert.Contains("people-data-can-not-delete", File.ReadAllText(InfraPaths.PreDownHook));
    }
}
