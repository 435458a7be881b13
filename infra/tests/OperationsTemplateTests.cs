using System.Text.Json.Nodes;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// Seeing the service (issue 19): diagnostic settings, alerts to an action group whose e-mail is a
/// parameter, an availability test on /api/health, and a workbook over every metric the app emits.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class OperationsTemplateTests(CompiledInfra compiled)
{
    private const string Workspace = "outputs.logAnalyticsWorkspaceId.value";

    /// <summary>The app's OpenTelemetry instruments (issue 19), as they land in customMetrics.</summary>
    public static TheoryData<string> Metrics => new(
        "healthoracle.predictions", "healthoracle.batch.size", "healthoracle.model.load.duration", "healthoracle.model.swaps",
        "healthoracle.chat.requests", "healthoracle.chat.tokens", "healthoracle.ratelimit.rejections", "healthoracle.coldstart.duration",
        "healthoracle.gateway.unconfigured");

    [Theory]
    [InlineData("api", "Microsoft.Web/sites", "FunctionAppLogs")]
    [InlineData("keyVault", "Microsoft.KeyVault/vaults", "AuditEvent")]
    [InlineData("modelStorage", "Microsoft.Storage/storageAccounts/blobServices", "StorageWrite,StorageDelete")]
    [InlineData("peopleStorage", "Microsoft.Storage/storageAccounts/tableServices", "StorageRead,StorageWrite,StorageDelete")]
    public void DiagnosticSettings_Resource_SendsItsLogsToLogAnalytics(string module, string scopeType, string categories)
    {
        var template = compiled.Main.Module(module);

        var setting = template.ResourcesOfType("Microsoft.Insights/diagnosticSettings").Single(s => s["scope"]!.GetValue<string>().StartsWith($"[resourceId('{scopeType}'", StringComparison.Ordinal));
        var logs = setting["properties"]!["logs"]!.AsArray().Select(l => l!["category"]!.GetValue<string>());
        var workspaceParameter = setting["properties"]!["workspaceId"]!.GetValue<string>().Trim('[', ']');

        Assert.Equal(categories.Split(','), logs);
        Assert.StartsWith($"[resourceId('{scopeType}'", setting["scope"]!.GetValue<string>());
        Assert.Contains(Workspace, template.PassedValue(workspaceParameter.Replace("parameters('", "").Replace("')", "")));
        Assert.Equal($"[not(empty({workspaceParameter}))]", setting["condition"]!.GetValue<string>());
    }

    [Fact]
    public void DiagnosticSettings_ModelStore_LogsNoReads()
    {
        var setting = compiled.Main.Module("modelStorage").ResourcesOfType("Microsoft.Insights/diagnosticSettings")
            .Single(s => s["scope"]!.GetValue<string>().Contains("blobServices", StringComparison.Ordinal));

        var text = ArmTemplate.Text(setting);

        Assert.DoesNotContain("StorageRead", text);
        Assert.Throws<KeyNotFoundException>(() => compiled.Main.Module("hostStorage").PassedValue("blobAuditWorkspaceId"));
        Assert.Throws<KeyNotFoundException>(() => compiled.Main.Module("modelStorage").PassedValue("tableAuditWorkspaceId"));
    }

    [Fact]
    public void ActionGroup_Email_IsAParameterAndEveryAlertUsesTheGroup()
    {
        var group = compiled.Main.Module("actionGroup").ResourcesOfType("Microsoft.Insights/actionGroups").Single();

        var receiver = group["properties"]!["emailReceivers"]!.AsArray().Single()!;
        var alertGroups = compiled.Main.Module("alerts").PassedValue("actionGroupIds");
        var availabilityGroups = compiled.Main.Module("availabilityTest").PassedValue("actionGroupIds");

        Assert.Equal("[parameters('email')]", receiver["emailAddress"]!.GetValue<string>());
        Assert.Equal("[parameters('alertEmail')]", compiled.Main.Module("actionGroup").PassedValue("email"));
        Assert.Equal("${ALERT_EMAIL}", ParameterFile()["alertEmail"]!["value"]!.GetValue<string>());
        Assert.Contains("'actionGroup'", alertGroups);
        Assert.Equal(alertGroups, availabilityGroups);
    }

    [Theory]
    [InlineData("server-errors", "toint(resultCode) >= 500", "parameters('serverErrorPercent')")]
    [InlineData("slow-predictions", "percentile(duration, 95)", "parameters('p95LatencyMs')")]
    [InlineData("model-refused", "\"healthoracle.model.load.duration\"", "\"refused\"")]
    [InlineData("chat-upstream-failures", "\"healthoracle.chat.requests\"", "startswith \"upstream\"")]
    [InlineData("gateway-not-configured", "\"healthoracle.gateway.unconfigured\"", "instances > 0")]
    public void Alert_Rule_QueriesWhatItsNameSays(string rule, string expected, string threshold)
    {
        var entry = compiled.Main.Module("alerts").Json["variables"]!["rules"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == rule)!;

        var query = entry["query"]!.GetValue<string>();

        Assert.Contains(expected, query);
        Assert.Contains(threshold, query);
    }

    [Fact]
    public void Alert_Rules_AreLogAlertsOnApplicationInsightsThatNotify()
    {
        var alerts = compiled.Main.Module("alerts");

        var rule = alerts.Modules.Single().ResourcesOfType("Microsoft.Insights/scheduledQueryRules").Single()["properties"]!;
        var module = alerts.ResourcesOfType("Microsoft.Resources/deployments").Single();

        Assert.Equal(5, alerts.Json["variables"]!["rules"]!.AsArray().Count);
        Assert.Equal("[length(variables('rules'))]", module["copy"]!["count"]!.GetValue<string>());
        Assert.Equal("[parameters('actionGroupIds')]", rule["actions"]!["actionGroups"]!.GetValue<string>());
        Assert.Equal(["[parameters('applicationInsightsId')]"], rule["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Contains("applicationInsightsResourceId", compiled.Main.Module("alerts").PassedValue("applicationInsightsId"));
    }

    [Theory]
    [InlineData("/api/predict/heart", true)]
    [InlineData("/api/predict/kidney/", true)]
    [InlineData("/api/me/predictions/0a1b2c", false)]
    [InlineData("/api/predict/heart/what-if", false)]
    [InlineData("/api/chat", false)]
    public void Alert_SlowPredictions_MatchesThePredictionRoutesOnly(string path, bool counted)
    {
        // A function-name suffix ("Prediction") also matched the signed-in MePrediction; the route does not.
        var query = compiled.Main.Module("alerts").Json["variables"]!["rules"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "slow-predictions")!["query"]!.GetValue<string>();

        var pattern = System.Text.RegularExpressions.Regex.Match(query, "parse_url\\(url\\)\\.Path\\) matches regex \"([^\"]+)\"").Groups[1].Value;

        Assert.NotEmpty(pattern);
        Assert.DoesNotContain("endswith", query);
        Assert.Equal(counted, System.Text.RegularExpressions.Regex.IsMatch(path, pattern));
    }

    [Fact]
    public void Metrics_EveryInstrumentTheAppDeclares_IsShownInTheWorkbook()
    {
        // The app's side of the contract (Functions/Infrastructure/Telemetry/AppTelemetry.cs) against the list above.
        var source = File.ReadAllText(Path.Combine(InfraPaths.Root, "Functions", "Infrastructure", "Telemetry", "AppTelemetry.cs"));

        var declared = System.Text.RegularExpressions.Regex.Matches(source, "\"(healthoracle\\.[a-z.]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared.Order(), Metrics.Cast<object[]>().Select(row => (string)row[0]).Order());
    }

    [Fact]
    public void AvailabilityTest_Url_IsTheAppsHealthEndpointWithAnAlert()
    {
        var module = compiled.Main.Module("availabilityTest");

        var test = module.ResourcesOfType("Microsoft.Insights/webtests").Single();
        var alert = module.ResourcesOfType("Microsoft.Insights/metricAlerts").Single();

        Assert.Equal("[format('{0}/api/health', reference(extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, format('{0}{1}', variables('abbrs').resourcesResourceGroups, parameters('environmentName'))), 'Microsoft.Resources/deployments', 'api'), '2025-04-01').outputs.uri.value)]", module.PassedValue("url"));
        Assert.Equal("standard", test["kind"]!.GetValue<string>());
        Assert.Equal("[parameters('url')]", test["properties"]!["Request"]!["RequestUrl"]!.GetValue<string>());
        Assert.Equal(200, test["properties"]!["ValidationRules"]!["ExpectedHttpStatusCode"]!.GetValue<int>());
        Assert.Equal("Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria", alert["properties"]!["criteria"]!["odata.type"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Workbook_Queries_ShowEveryAppMetricFromCustomMetrics(string metric)
    {
        var workbook = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, "app", "workbook.json")))!;

        var queries = workbook["items"]!.AsArray().Where(i => i!["type"]!.GetValue<int>() == 3).Select(i => i!["content"]!["query"]!.GetValue<string>()).ToList();

        Assert.Contains(queries, q => q.StartsWith("customMetrics", StringComparison.Ordinal) && q.Contains($"name == \"{metric}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Workbook_Resource_DeploysTheFileAgainstApplicationInsights()
    {
        var module = compiled.Main.Module("workbook");

        var workbook = module.ResourcesOfType("Microsoft.Insights/workbooks").Single()["properties"]!;
        var file = File.ReadAllText(Path.Combine(InfraPaths.Infra, "app", "workbook.json"));

        Assert.Equal(file, module.VariableIn(workbook["serializedData"]!.GetValue<string>()));
        Assert.Equal("[parameters('applicationInsightsId')]", workbook["sourceId"]!.GetValue<string>());
    }

    private static JsonObject ParameterFile() =>
        JsonNode.Parse(File.ReadAllText(InfraPaths.MainParameters))!["parameters"]!.AsObject();
}
