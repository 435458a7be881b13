using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// Vertex AI by the app's identity (workload identity federation): the Google side's parameters, the app settings
/// from them, and no chat secret in Key Vault when they are set.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class VertexFederationTemplateTests(CompiledInfra compiled)
{
    private string Variable(string name) => compiled.Main.Json["variables"]![name]!.GetValue<string>();

    [Theory]
    [InlineData("geminiWorkloadIdentityProvider")]
    [InlineData("geminiManagedIdentityAudience")]
    [InlineData("geminiServiceAccount")]
    public void Parameters_GoogleSide_AreOptionalStrings(string name)
    {
        var parameter = compiled.Main.ParameterDefinitions.Single(p => p.Name == name).Definition;

        Assert.Equal("string", parameter["type"]!.GetValue<string>());
        Assert.Equal("", parameter["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void Federation_Selected_OnlyWithAProjectAndAProvider()
    {
        var byIdentity = Variable("geminiByIdentity");

        Assert.Equal("[and(not(empty(parameters('geminiProject'))), not(empty(parameters('geminiWorkloadIdentityProvider'))))]", byIdentity);
    }

    [Fact]
    public void KeyVault_WithFederation_GetsNoChatSecret()
    {
        var secretValue = compiled.Main.Module("keyVault").PassedValue("secretValue");
        var keyReference = compiled.Main.Module("api").PassedValue("geminiApiKeySecretUri");

        Assert.Equal("[if(variables('geminiByIdentity'), createObject('value', ''), createObject('value', parameters('geminiApiKey')))]", secretValue);
        Assert.StartsWith("[if(variables('hasGeminiKey'),", keyReference);
        Assert.StartsWith("[and(not(variables('geminiByIdentity')),", Variable("hasGeminiKey"));
    }

    [Theory]
    [InlineData("geminiWorkloadIdentityProvider")]
    [InlineData("geminiManagedIdentityAudience")]
    [InlineData("geminiServiceAccount")]
    public void Api_GoogleSide_PassedOnlyWithFederation(string name)
    {
        var passed = compiled.Main.Module("api").PassedValue(name);

        Assert.Equal($"[if(variables('geminiByIdentity'), createObject('value', parameters('{name}')), createObject('value', ''))]", passed);
    }

    [Fact]
    public void AppSettings_Federation_FromTheParametersAndTheAppsIdentity()
    {
        var settings = compiled.Main.Module("api").ResourcesOfType("Microsoft.Web/sites")
            .SelectMany(site => site["properties"]?["siteConfig"]?["appSettings"]?.AsArray() ?? [])
            .ToDictionary(setting => setting!["name"]!.GetValue<string>(), setting => ArmTemplate.Text(setting!["value"]));

        Assert.Equal("[parameters('geminiWorkloadIdentityProvider')]", settings["Gemini__WorkloadIdentityProvider"]);
        Assert.Equal("[parameters('geminiManagedIdentityAudience')]", settings["Gemini__ManagedIdentityAudience"]);
        Assert.Equal("[parameters('geminiServiceAccount')]", settings["Gemini__ServiceAccount"]);
        Assert.Equal("[if(empty(parameters('geminiWorkloadIdentityProvider')), '', parameters('identityClientId'))]", settings["Gemini__ManagedIdentityClientId"]);
    }
}
