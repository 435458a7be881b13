using System.Text.Json.Nodes;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>The function app: Flex Consumption, .NET 10 isolated, HTTPS and TLS 1.2 only, no FTP, identity everywhere.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class FunctionAppTemplateTests(CompiledInfra compiled)
{
    private ArmTemplate Api => compiled.Main.Module("api");

    private JsonObject Site => Api.ResourcesOfType("Microsoft.Web/sites").Single();

    private Dictionary<string, string> AppSettings =>
        Site["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(setting => setting!["name"]!.GetValue<string>(), setting => ArmTemplate.Text(setting!["value"]));

    [Fact]
    public void Site_Properties_AreHttpsOnlyTls12WithoutFtp()
    {
        var properties = Site["properties"]!;

        var siteConfig = properties["siteConfig"]!;

        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", siteConfig["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("1.2", siteConfig["scmMinTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", siteConfig["ftpsState"]!.GetValue<string>());
        Assert.Equal("[parameters('corsAllowedOrigins')]", siteConfig["cors"]!["allowedOrigins"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void BasicPublishingCredentials_Policy_IsOff(string policy)
    {
        var policies = Api.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        var match = policies.Single(resource => ArmTemplate.Text(resource["name"]).Contains($"'{policy}'", StringComparison.Ordinal));

        Assert.False(match["properties"]!["allow"]!.GetValue<bool>());
    }

    [Fact]
    public void FunctionAppConfig_Runtime_IsDotnetIsolated10OnFlexWithUserAssignedDeploymentStorage()
    {
        var config = Site["properties"]!["functionAppConfig"]!;

        var plan = compiled.Main.Module("plan").ResourcesOfType("Microsoft.Web/serverfarms").Single();
        var alwaysReady = config["scaleAndConcurrency"]!["alwaysReady"]!.GetValue<string>();

        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());
        Assert.Equal(
            "[if(greater(parameters('alwaysReadyHttpInstances'), 0), createArray(createObject('name', 'http', 'instanceCount', parameters('alwaysReadyHttpInstances'))), createArray())]",
            alwaysReady);
        Assert.Equal(0, compiled.Main.Json["parameters"]!["alwaysReadyHttpInstances"]!["defaultValue"]!.GetValue<int>());
    }

    [Fact]
    public void Site_Identity_IsUserAssignedAndResolvesKeyVaultReferences()
    {
        var site = Site;

        var identity = site["identity"]!;

        Assert.Equal("UserAssigned", identity["type"]!.GetValue<string>());
        Assert.Equal("[parameters('identityId')]", site["properties"]!["keyVaultReferenceIdentity"]!.GetValue<string>());
    }

    [Fact]
    public void AppSettings_HostStorage_IsReachedByIdentity()
    {
        var settings = AppSettings;

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.Contains("primaryEndpoints.blob", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.DoesNotContain("AzureWebJobsStorage__queueServiceUri", settings.Keys);
        Assert.Contains("primaryEndpoints.table", settings["AzureWebJobsStorage__tableServiceUri"]);
    }

    [Fact]
    public void AppSettings_ModelStore_IsReachedByIdentity()
    {
        var settings = AppSettings;

        Assert.DoesNotContain("ModelStorage", settings.Keys);
        Assert.Equal("[parameters('modelStorageBlobEndpoint')]", settings["ModelStorage__serviceUri"]);
        Assert.Equal("managedidentity", settings["ModelStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["ModelStorage__clientId"]);
        Assert.Equal("[parameters('modelsContainerName')]", settings["ModelStorage__Container"]);
        Assert.Contains("modelStorage", compiled.Main.Module("api").PassedValue("modelStorageBlobEndpoint"));
    }

    [Fact]
    public void AppSettings_Telemetry_AuthenticatesWithEntraId()
    {
        var settings = AppSettings;

        var monitoring = compiled.Main.Module("monitoring");
        var insights = monitoring.ResourcesOfType("Microsoft.Insights/components").Single();
        var workspace = monitoring.ResourcesOfType("Microsoft.OperationalInsights/workspaces").Single();

        Assert.Contains("Authorization=AAD;ClientId=", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings.Keys);
        Assert.True(insights["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.True(workspace["properties"]!["features"]!["disableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public void AppSettings_GeminiKey_IsAKeyVaultReferenceNeverTheValue()
    {
        var settings = AppSettings;

        var passed = ArmTemplate.Text(compiled.Main.Module("api").Parameters);

        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["Gemini__ApiKey"]);
        Assert.DoesNotContain("parameters('geminiApiKey')", passed);
    }

    [Theory]
    [InlineData("WarmUpSchedule")]
    [InlineData("WarmUp__Preload")]
    [InlineData("WarmUp__PingUrl")]
    [InlineData("Chat__RateLimit__PermitsPerMinute")]
    [InlineData("Gemini__Model")]
    [InlineData("Gemini__Project")]
    [InlineData("Gemini__Location")]
    [InlineData("Site__Url")]
    [InlineData("AZURE_CLIENT_ID")]
    public void AppSettings_Contract_HasTheSetting(string name)
    {
        var settings = AppSettings;

        Assert.Contains(name, settings.Keys);
    }

    /// <summary>The app trusts a signed-in write from exactly the origins its CORS lets call it with credentials (issue 24's rule).</summary>
    [Fact]
    public void AppSettings_SignedInWrites_AreTheOriginsCorsAllowsWithCredentials()
    {
        var settings = AppSettings;

        Assert.Equal("[join(parameters('corsAllowedOrigins'), ',')]", settings["SignedInWrites__AllowedOrigins"]);
        Assert.Equal("[parameters('corsAllowedOrigins')]", Site["properties"]!["siteConfig"]!["cors"]!["allowedOrigins"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    public void AppSettings_FlexConsumption_OmitsSettingsTheFlexPlanRejects(string name)
    {
        var settings = AppSettings;

        Assert.DoesNotContain(name, settings.Keys);
    }

    [Fact]
    public void Site_Tags_NameTheAzdServiceApi()
    {
        var tags = Site["tags"]!.GetValue<string>();

        var serviceName = Api.Json["parameters"]!["serviceName"]!["defaultValue"]!.GetValue<string>();

        Assert.Contains("'azd-service-name'", tags);
        Assert.Equal("api", serviceName);
        Assert.Throws<KeyNotFoundException>(() => compiled.Main.Module("api").PassedValue("serviceName"));
    }
}
