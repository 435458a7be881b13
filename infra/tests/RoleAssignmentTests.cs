using System.Text.Json.Nodes;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// Least privilege: the app reads the models container and nothing else of the model store; the
/// deployer writes that container; the host's own roles stay on the host storage account.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class RoleAssignmentTests(CompiledInfra compiled)
{
    private const string AppPrincipal = "[parameters('appPrincipalId')]";
    private const string DeployerPrincipal = "[parameters('deployerPrincipalId')]";
    private const string ModelsContainerScope =
        "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('modelStorageAccountName'), 'default', parameters('modelsContainerName'))]";

    private const string StorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private ArmTemplate Rbac => compiled.Main.Module("rbac");

    private IEnumerable<(JsonObject Resource, string Role, string Principal, string? Scope)> Assignments =>
        Rbac.ResourcesOfType("Microsoft.Authorization/roleAssignments").Select(resource => (
            resource,
            Rbac.VariableIn(resource["properties"]!["roleDefinitionId"]!.GetValue<string>()) ?? "unresolved",
            resource["properties"]!["principalId"]!.GetValue<string>(),
            resource["scope"]?.GetValue<string>()));

    [Fact]
    public void App_ModelStore_IsReaderOnTheModelsContainerOnly()
    {
        var onModelStore = Assignments
            .Where(a => a.Principal == AppPrincipal && (a.Scope ?? "").Contains("modelStorageAccountName", StringComparison.Ordinal))
            .ToList();

        var single = Assert.Single(onModelStore);

        Assert.Equal(StorageBlobDataReader, single.Role);
        Assert.Equal(ModelsContainerScope, single.Scope);
    }

    [Fact]
    public void Deployer_ModelsContainer_IsContributorThere()
    {
        var deployer = Assignments.Where(a => a.Principal == DeployerPrincipal).ToList();

        var storage = Assert.Single(deployer, a => a.Role == StorageBlobDataContributor);

        Assert.Equal(ModelsContainerScope, storage.Scope);
        Assert.Equal("[variables('hasDeployer')]", storage.Resource["condition"]!.GetValue<string>());
    }

    [Fact]
    public void App_HostStorageOwner_StaysOnTheHostAccount()
    {
        var owner = Assignments.Single(a => a.Role == StorageBlobDataOwner);

        Assert.Equal(AppPrincipal, owner.Principal);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('hostStorageAccountName'))]", owner.Scope);
        Assert.Contains("'hostStorage'", Rbac.PassedValue("hostStorageAccountName"));
        Assert.Contains("'modelStorage'", Rbac.PassedValue("modelStorageAccountName"));
    }

    [Fact]
    public void App_EveryAssignment_HasAnExplicitResourceScope()
    {
        // An assignment without a scope would cover the whole resource group, model store included.
        var app = Assignments.Where(a => a.Principal == AppPrincipal).ToList();

        Assert.NotEmpty(app);
        Assert.All(app, a => Assert.StartsWith("[resourceId(", a.Scope));
    }

    [Theory]
    [InlineData(MonitoringMetricsPublisher, "Microsoft.Insights/components")]
    [InlineData(KeyVaultSecretsUser, "Microsoft.KeyVault/vaults/secrets")]
    public void App_Role_IsGrantedOnItsResource(string role, string resourceType)
    {
        var assignment = Assignments.Single(a => a.Principal == AppPrincipal && a.Role == role);

        var scope = assignment.Scope;

        Assert.StartsWith($"[resourceId('{resourceType}'", scope);
    }

    [Fact]
    public void KeyVault_AppAndGateway_ReadTheSecretsTheyUseAndNotTheVault()
    {
        var secretRoles = Assignments.Where(a => a.Role == KeyVaultSecretsUser).ToList();

        var appSecrets = Rbac.PassedValue("appSecretNames");
        var gatewaySecrets = Rbac.PassedValue("gatewaySecretNames");

        Assert.Equal(2, secretRoles.Count);
        Assert.All(secretRoles, a => Assert.StartsWith("[resourceId('Microsoft.KeyVault/vaults/secrets', parameters('keyVaultName'), ", a.Scope));
        Assert.Contains("variables('gatewayKeySlotNames')", appSecrets);
        Assert.Contains("parameters('geminiApiKeySecretName')", appSecrets);
        Assert.Contains("variables('hasGeminiKey')", appSecrets);
        Assert.Contains("variables('gatewayKeySlotNames')", gatewaySecrets);
        Assert.DoesNotContain("gemini", gatewaySecrets, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[format('{0}-a', parameters('gatewayKeySecretName'))]", compiled.Main.Json["variables"]!["gatewayKeySlotNames"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Assignments_Names_AreGuidOfScopePrincipalAndRole()
    {
        var assignments = Assignments.ToList();

        Assert.All(assignments, a =>
        {
            var name = a.Resource["name"]!.GetValue<string>();
            var scope = a.Scope!.TrimStart('[').TrimEnd(']');
            var principal = a.Principal.TrimStart('[').TrimEnd(']');
            Assert.StartsWith($"[guid({scope}, {principal}, variables(", name);
        });
    }

    [Fact]
    public void Assignments_Everywhere_AreDeclaredInTheRbacModuleOnly()
    {
        var elsewhere = compiled.Main.SelfAndModules()
            .Where(template => template.Path != Rbac.Path)
            .SelectMany(template => template.ResourcesOfType("Microsoft.Authorization/roleAssignments"));

        Assert.Empty(elsewhere);
        // 8 before issues 14 and 19: the host's queue role went (no queue is used), the people account's
        // table role and the gateway's two came.
        Assert.Equal(10, Assignments.Count());
    }
}
