using System.Text.Json.Nodes;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// Bounding the cost (issue 19): the instance cap down to the platform's floor with a small default, the
/// always-ready check, HTTP concurrency, a budget, a Log Analytics cap, purge protection as a choice, the
/// allowed regions and the deployer's principal type derived.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class CostGuardrailTests(CompiledInfra compiled)
{
    private JsonNode Parameter(string name) => compiled.Main.Json["parameters"]![name]!;

    private string Variable(string name) => compiled.Main.Json["variables"]![name]!.GetValue<string>();

    [Fact]
    public void MaximumInstanceCount_Range_IsThePlatformsOneToThousandWithASmallDefault()
    {
        // learn.microsoft.com/azure/azure-functions/event-driven-scaling#limit-scale-out (ms.date 08/03/2026):
        // "Currently the lowest maximum instance count value is 1, and the highest ... is 1000."
        var main = Parameter("maximumInstanceCount");

        var api = compiled.Main.Module("api").Json["parameters"]!["maximumInstanceCount"]!;

        Assert.Equal(1, main["minValue"]!.GetValue<int>());
        Assert.Equal(1000, main["maxValue"]!.GetValue<int>());
        Assert.Equal(1, api["minValue"]!.GetValue<int>());
        Assert.InRange(main["defaultValue"]!.GetValue<int>(), 1, 10);
        Assert.Equal("${MAXIMUM_INSTANCE_COUNT=5}", ParameterFile()["maximumInstanceCount"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void AlwaysReady_AboveTheCap_FailsTheDeployment()
    {
        var check = Variable("checkedAlwaysReadyHttpInstances");

        Assert.StartsWith("[if(lessOrEquals(parameters('alwaysReadyHttpInstances'), parameters('maximumInstanceCount')), parameters('alwaysReadyHttpInstances'), fail(", check);
        Assert.Equal("[variables('checkedAlwaysReadyHttpInstances')]", compiled.Main.Module("api").PassedValue("alwaysReadyHttpInstances"));
    }

    [Fact]
    public void HttpConcurrency_PerInstance_IsAParameterOnTheApp()
    {
        var scale = compiled.Main.Module("api").ResourcesOfType("Microsoft.Web/sites").Single()["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;

        Assert.Equal("[parameters('httpPerInstanceConcurrency')]", scale["triggers"]!["http"]!["perInstanceConcurrency"]!.GetValue<string>());
        Assert.Equal("[parameters('httpPerInstanceConcurrency')]", compiled.Main.Module("api").PassedValue("httpPerInstanceConcurrency"));
        Assert.Equal(16, Parameter("httpPerInstanceConcurrency")["defaultValue"]!.GetValue<int>());
    }

    [Fact]
    public void Budget_ResourceGroup_WarnsAtEightyPercentActualAndFullForecast()
    {
        var budget = compiled.Main.Module("budget").ResourcesOfType("Microsoft.Consumption/budgets").Single()["properties"]!;

        var notifications = budget["notifications"]!.AsObject().Select(n => ArmTemplate.Text(n.Value)).ToList();

        Assert.Equal("Monthly", budget["timeGrain"]!.GetValue<string>());
        Assert.Equal("[parameters('startDate')]", budget["timePeriod"]!["startDate"]!.GetValue<string>());
        Assert.Contains(notifications, n => n.Contains("'threshold', 80") && n.Contains("'Actual'"));
        Assert.Contains(notifications, n => n.Contains("'threshold', 100") && n.Contains("'Forecasted'"));
        Assert.EndsWith("/deploymentTemplate.json#", compiled.Main.Module("budget").Json["$schema"]!.GetValue<string>());
        Assert.Equal("[greater(parameters('monthlyBudget'), 0)]", compiled.Main.ResourcesOfType("Microsoft.Resources/deployments").Single(d => d["name"]!.GetValue<string>() == "budget")["condition"]!.GetValue<string>());
    }

    [Fact]
    public void Budget_StartDate_IsKeptAcrossProvisions()
    {
        // A budget's start date cannot be changed; the output is kept in the azd environment and read back.
        var output = compiled.Main.Outputs.Single(o => o.Name == "BUDGET_START_DATE").Definition;

        Assert.Equal("[variables('effectiveBudgetStartDate')]", output["value"]!.GetValue<string>());
        Assert.Equal("${BUDGET_START_DATE}", ParameterFile()["budgetStartDate"]!["value"]!.GetValue<string>());
        // Empty (the first provision, or after the postdown hook emptied it) is this month: a new budget cannot start in a past one.
        Assert.Equal("", Parameter("budgetStartDate")["defaultValue"]!.GetValue<string>());
        Assert.Equal("[utcNow('yyyy-MM-01')]", Parameter("currentMonth")["defaultValue"]!.GetValue<string>());
        Assert.Equal("[if(empty(parameters('budgetStartDate')), parameters('currentMonth'), parameters('budgetStartDate'))]", compiled.Main.Json["variables"]!["effectiveBudgetStartDate"]!.GetValue<string>());
        Assert.Equal("[variables('effectiveBudgetStartDate')]", compiled.Main.Module("budget").PassedValue("startDate"));
    }

    [Fact]
    public void LogAnalytics_DailyCap_IsSetFromAParameter()
    {
        var workspace = compiled.Main.Module("monitoring").ResourcesOfType("Microsoft.OperationalInsights/workspaces").Single()["properties"]!;

        Assert.Equal("[parameters('dailyQuotaGb')]", workspace["workspaceCapping"]!["dailyQuotaGb"]!.GetValue<string>());
        Assert.Equal("[variables('checkedDailyCapGb')]", compiled.Main.Module("monitoring").PassedValue("dailyQuotaGb"));
        Assert.Contains("fail(", Variable("checkedDailyCapGb"));
        Assert.Equal(1, Parameter("logAnalyticsDailyCapGb")["defaultValue"]!.GetValue<int>());
    }

    [Fact]
    public void KeyVault_PurgeProtection_IsAParameterThatNeverSendsFalse()
    {
        var vault = compiled.Main.Module("keyVault").ResourcesOfType("Microsoft.KeyVault/vaults").Single()["properties"]!;

        Assert.Equal("[if(parameters('enablePurgeProtection'), true(), null())]", vault["enablePurgeProtection"]!.GetValue<string>());
        Assert.Equal("[parameters('keyVaultPurgeProtection')]", compiled.Main.Module("keyVault").PassedValue("enablePurgeProtection"));
        Assert.False(Parameter("keyVaultPurgeProtection")["defaultValue"]!.GetValue<bool>());
    }

    [Fact]
    public void Location_Allowed_AreFlexConsumptionRegions()
    {
        var allowed = Parameter("location")["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

        // Azure-Samples/functions-quickstart-dotnet-azd infra/main.bicep at fe74255 lists 32, one a canary region.
        Assert.Equal(31, allowed.Count);
        Assert.Contains("swedencentral", allowed);
        Assert.Contains("westus3", allowed);
        Assert.DoesNotContain("eastus2euap", allowed);
        Assert.Equal(allowed.Order(StringComparer.Ordinal), allowed);
    }

    [Fact]
    public void PrincipalType_Deployer_IsDerivedNotAssumedUser()
    {
        var type = Variable("deployerPrincipalType");

        var derived = Variable("derivedPrincipalType");

        Assert.Equal("", Parameter("principalType")["defaultValue"]!.GetValue<string>());
        Assert.Equal("${AZURE_PRINCIPAL_TYPE}", ParameterFile()["principalType"]!["value"]!.GetValue<string>());
        Assert.EndsWith("variables('derivedPrincipalType'))))]", type);
        Assert.Contains("deployer()", derived);
        Assert.Contains("'ServicePrincipal'", derived);
        Assert.Equal("[variables('deployerPrincipalType')]", compiled.Main.Module("rbac").PassedValue("deployerPrincipalType"));
    }

    [Fact]
    public void HostStorage_Queue_IsNeitherGrantedNorConfigured()
    {
        var json = ArmTemplate.Text(compiled.Main.Module("rbac").Json) + ArmTemplate.Text(compiled.Main.Module("api").Json);

        Assert.DoesNotContain("974c5e8b-45b9-4653-ba55-5f855dd0fb88", json);
        Assert.DoesNotContain("queueServiceUri", json);
    }

    private static JsonObject ParameterFile() =>
        JsonNode.Parse(File.ReadAllText(InfraPaths.MainParameters))!["parameters"]!.AsObject();
}
