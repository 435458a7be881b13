using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>How main.bicep feeds the app module: CORS, the Gemini key reference, the warm-up ping.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class MainWiringTests(CompiledInfra compiled)
{
    private string Variable(string name) => compiled.Main.Json["variables"]![name]!.GetValue<string>();

    [Fact]
    public void Cors_SiteDeployed_AddsTheStaticWebAppOrigin()
    {
        var passed = compiled.Main.Module("api").PassedValue("corsAllowedOrigins");

        var site = compiled.Main.Module("site").Outputs.Select(output => output.Name);

        Assert.StartsWith("[union(variables('corsOrigins'), if(parameters('deploySite'),", passed);
        Assert.Contains("'site'", passed);
        Assert.Contains("'uri'", passed);
        Assert.Contains("uri", site);
        Assert.Contains("split(parameters('corsAllowedOrigins'), ',')", Variable("corsOrigins"));
    }

    [Fact]
    public void GeminiKey_Reference_IsWiredOnlyWhenAKeyExists()
    {
        var passed = compiled.Main.Module("api").Parameters!["geminiApiKeySecretUri"]!.GetValue<string>();

        var hasKey = Variable("hasGeminiKey");

        Assert.StartsWith("[if(variables('hasGeminiKey'),", passed);
        Assert.Contains("outputs.secretUri.value", passed);
        Assert.EndsWith("createObject('value', ''))]", passed);
        Assert.Equal("[and(not(variables('geminiByIdentity')), or(not(empty(parameters('geminiApiKey'))), parameters('geminiApiKeyInKeyVault')))]", hasKey);
    }

    [Fact]
    public void WarmupPing_Default_IsTheAppsOwnHealthEndpoint()
    {
        var ping = Variable("effectivePingUrl");

        var own = Variable("ownHealthUrl");

        Assert.Equal("[variables('effectivePingUrl')]", compiled.Main.Module("api").PassedValue("warmupPingUrl"));
        Assert.Contains("if(empty(parameters('warmupPingUrl')), variables('ownHealthUrl')", ping);
        Assert.Equal("[format('https://{0}.azurewebsites.net/api/health', variables('functionAppName'))]", own);
    }

    [Fact]
    public void Names_Resources_ComeFromAbbreviationsAndTheResourceToken()
    {
        var token = Variable("resourceToken");

        Assert.Equal("[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]", token);
        Assert.Contains("variables('abbrs').webSitesFunctions", Variable("functionAppName"));
        Assert.Contains("variables('abbrs').storageStorageAccounts", Variable("modelStorageAccountName"));
    }
}
