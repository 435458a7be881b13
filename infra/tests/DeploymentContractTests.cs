using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>What azd relies on: documented parameters, UPPER_SNAKE outputs, the parameter file, azure.yaml.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed partial class DeploymentContractTests(CompiledInfra compiled)
{
    [Fact]
    public void Parameters_EveryTemplate_HaveADescription()
    {
        var parameters = compiled.Main.SelfAndModules()
            .SelectMany(template => template.ParameterDefinitions.Select(p => (template.Path, p.Name, p.Definition)))
            .ToList();

        Assert.NotEmpty(parameters);
        Assert.All(parameters, p => Assert.False(
            string.IsNullOrWhiteSpace(p.Definition["metadata"]?["description"]?.GetValue<string>()), $"{p.Path}: {p.Name}"));
    }

    [Fact]
    public void Main_Scope_IsTheSubscription()
    {
        var schema = compiled.Main.Json["$schema"]!.GetValue<string>();

        Assert.Contains("subscriptionDeploymentTemplate", schema);
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("SERVICE_API_NAME")]
    [InlineData("SERVICE_API_URI")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("MODEL_STORAGE_ACCOUNT_NAME")]
    [InlineData("MODELS_CONTAINER_NAME")]
    [InlineData("MODEL_STORAGE_BLOB_ENDPOINT")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("APIM_NAME")]
    [InlineData("APIM_API_ID")]
    [InlineData("APIM_API_PATH")]
    [InlineData("APIM_GATEWAY_URL")]
    [InlineData("PEOPLE_STORAGE_TABLE_ENDPOINT")]
    [InlineData("AUTH_IDENTITY_PRINCIPAL_ID")]
    [InlineData("BUDGET_START_DATE")]
    [InlineData("GATEWAY_KEY_IN_KEY_VAULT")]
    [InlineData("GATEWAY_KEY_SLOT")]
    [InlineData("GATEWAY_KEY_ROTATION")]
    [InlineData("SITE_URI")]
    [InlineData("SIGN_IN_PATH")]
    [InlineData("PEOPLE_STORAGE_ACCOUNT_NAME")]
    [InlineData("VNET_ENABLED")]
    public void Outputs_Main_IncludeWhatAzdAndTheHookUse(string name)
    {
        var outputs = compiled.Main.Outputs.Select(o => o.Name);

        Assert.Contains(name, outputs);
    }

    [Fact]
    public void Outputs_Main_AreUpperSnakeCase()
    {
        var outputs = compiled.Main.Outputs.Select(o => o.Name).ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, name => Assert.Matches(UpperSnake(), name));
    }

    [Fact]
    public void ParameterFile_EveryEntry_NamesAMainParameterAndCoversTheRequiredOnes()
    {
        var file = JsonNode.Parse(File.ReadAllText(InfraPaths.MainParameters))!["parameters"]!.AsObject();

        var declared = compiled.Main.ParameterDefinitions.ToDictionary(p => p.Name, p => p.Definition);
        var required = declared.Where(p => p.Value["defaultValue"] is null).Select(p => p.Key);

        Assert.All(file.Select(entry => entry.Key), name => Assert.Contains(name, declared.Keys));
        Assert.All(required, name => Assert.Contains(name, file.Select(entry => entry.Key)));
        Assert.Equal("${GEMINI_API_KEY}", file["geminiApiKey"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void AzureYaml_Service_IsTheFunctionsProjectHostedAsAFunction()
    {
        var yaml = File.ReadAllLines(InfraPaths.AzureYaml).Select(line => line.Trim()).ToList();

        Assert.Contains("api:", yaml);
        Assert.Contains("project: ./Functions/", yaml);
        Assert.Contains("host: function", yaml);
        Assert.Contains("language: dotnet", yaml);
        Assert.True(File.Exists(Path.Combine(InfraPaths.Root, "Functions", "HealthOracle.Functions.csproj")));
    }

    [Theory]
    [InlineData("BUDGET_START_DATE", "budgetStartDate")]
    [InlineData("GATEWAY_KEY_IN_KEY_VAULT", "gatewayKeyInKeyVault")]
    [InlineData("GATEWAY_KEY_SLOT", "gatewayKeySlot")]
    [InlineData("GATEWAY_KEY_ROTATION", "gatewayKeyRotation")]
    [InlineData("VNET_ENABLED", "vnetEnabled")]
    public void Outputs_KeptInTheEnvironment_AreReadBackByTheParameterFile(string output, string parameter)
    {
        // azd stores outputs in the environment; the next provision passes them back, so these stay put (or move on a step).
        var file = JsonNode.Parse(File.ReadAllText(InfraPaths.MainParameters))!["parameters"]!.AsObject();

        var value = file[parameter]!["value"]!.GetValue<string>();

        Assert.Contains(output, compiled.Main.Outputs.Select(o => o.Name));
        Assert.StartsWith("${" + output, value);
    }

    [Fact]
    public void AzureYaml_Hooks_PointAtScriptsThatExist()
    {
        var runs = File.ReadAllLines(InfraPaths.AzureYaml)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("run: ./", StringComparison.Ordinal))
            .Select(line => line["run: ".Length..])
            .ToList();

        string[] hooks = ["postprovision", "postdeploy", "predown", "postdown"];
        Assert.Equal(hooks.SelectMany(hook => new[] { $"./infra/hooks/{hook}.sh", $"./infra/hooks/{hook}.ps1" }), runs);
        Assert.All(runs, run => Assert.True(File.Exists(Path.Combine(InfraPaths.Root, run)), run));
    }

    [Fact]
    public void AzureYaml_WebService_IsTheSiteOnAStaticWebAppBuiltByTheSiteScript()
    {
        var yaml = File.ReadAllLines(InfraPaths.AzureYaml).Select(line => line.Trim()).ToList();

        var web = yaml.SkipWhile(line => line != "web:").Take(16).ToList();

        Assert.Equal(["web:", "project: ./site/", "host: staticwebapp", "dist: dist"], web.Take(4));
        // No language: azd would run npm in site/ otherwise; the deployable folder is made by the script, before packaging.
        Assert.DoesNotContain(web.TakeWhile(line => line != "hooks:"), line => line.StartsWith("language:", StringComparison.Ordinal));
        Assert.Contains("prepackage:", web);
        Assert.Equal(2, web.Count(line => line == "run: bash ../scripts/build-site.sh dist"));
        Assert.True(File.Exists(Path.Combine(InfraPaths.Root, "scripts", "build-site.sh")));
    }

    [Fact]
    public void StaticWebApp_Tag_NamesTheWebServiceAndTheSiteIsDeployedByDefault()
    {
        var site = compiled.Main.Module("site");

        var resource = site.ResourcesOfType("Microsoft.Web/staticSites").Single();

        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', parameters('serviceName')))]", resource["tags"]!.GetValue<string>());
        Assert.Equal("web", site.Json["parameters"]!["serviceName"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal("Free", resource["sku"]!["name"]!.GetValue<string>());
        Assert.True(compiled.Main.Json["parameters"]!["deploySite"]!["defaultValue"]!.GetValue<bool>());
        Assert.Equal("${DEPLOY_SITE=true}", JsonNode.Parse(File.ReadAllText(InfraPaths.MainParameters))!["parameters"]!["deploySite"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Outputs_SignInPath_IsTheAppServiceRouteOnlyWithSignIn()
    {
        var output = compiled.Main.Outputs.Single(o => o.Name == "SIGN_IN_PATH").Definition;

        Assert.Equal("[variables('signInPath')]", output["value"]!.GetValue<string>());
        Assert.Equal("[if(variables('authEnabled'), '/.auth/login/aad', '')]", compiled.Main.Json["variables"]!["signInPath"]!.GetValue<string>());
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();
}
