// The service's alerts, all sent to one action group: server errors, slow predictions, a refused model,
// a gateway the app cannot check, and Gemini failing. Queries read Application Insights: `requests` (one row per invocation, written by
// the Functions host) and `customMetrics` (the app's OpenTelemetry metrics, one row per metric, attribute
// set and export interval; counters carry their increments in valueSum, histograms their sample count in
// valueCount). Rows written by API Management to the same component are left out of the app's figures.

@description('Prefix of the alert names, for example alert-<token>.')
param namePrefix string

@description('Azure region of the rules (that of the Application Insights component).')
param location string

@description('Tags applied to the rules.')
param tags object = {}

@description('Resource ID of the Application Insights component.')
param applicationInsightsId string

@description('Resource IDs of the action groups to notify; empty records the alerts in the portal only.')
param actionGroupIds string[] = []

@description('Percentage of requests answered 5xx, over 15 minutes, above which the server-error alert fires.')
@minValue(1)
@maxValue(100)
param serverErrorPercent int = 5

@description('p95 duration of prediction requests in milliseconds, over 15 minutes, above which the latency alert fires.')
@minValue(1)
param p95LatencyMs int = 1000

@description('Fewest requests in the 15 minutes before the rate and latency alerts judge (a handful of requests says nothing).')
@minValue(1)
param minimumRequests int = 20

@description('Chat requests failing upstream (Gemini errors and timeouts) in 15 minutes that fire the chat alert.')
@minValue(1)
param chatUpstreamFailures int = 5

var appRequests = 'requests | where tostring(customDimensions["Service Type"]) != "API Management"'

var rules = [
  {
    name: 'server-errors'
    severity: 1
    description: 'More than ${serverErrorPercent} % of the app\'s requests were answered 5xx in 15 minutes.'
    query: '${appRequests} | summarize total = count(), serverErrors = countif(toint(resultCode) >= 500) | where total >= ${minimumRequests} and serverErrors * 100.0 / total > ${serverErrorPercent}'
  }
  {
    name: 'slow-predictions'
    severity: 2
    description: 'The p95 duration of prediction requests exceeded ${p95LatencyMs} ms over 15 minutes.'
    // By route, not by function name: a name suffix also matched the signed-in MePrediction.
    query: '${appRequests} | where tostring(parse_url(url).Path) matches regex "^/api/predict/[A-Za-z]+/?$" | summarize p95 = percentile(duration, 95), total = count() | where total >= ${minimumRequests} and p95 > ${p95LatencyMs}'
  }
  {
    name: 'model-refused'
    severity: 1
    description: 'A model was refused at load (hash, inputs or outputs did not match); the previous version, if any, keeps serving.'
    query: 'customMetrics | where name == "healthoracle.model.load.duration" and tostring(customDimensions["outcome"]) == "refused" | summarize refusals = sum(valueCount) by disease = tostring(customDimensions["disease"]), reason = tostring(customDimensions["reason"]) | where refusals > 0'
  }
  {
    name: 'gateway-not-configured'
    severity: 1
    description: 'The API gateway is required but an instance of the app cannot read a valid gateway key (an unresolved Key Vault reference, a missing or short secret): paid calls are answered 503. GET /api/health says why.'
    query: 'customMetrics | where name == "healthoracle.gateway.unconfigured" | summarize instances = dcount(cloud_RoleInstance) by reason = tostring(customDimensions["reason"]) | where instances > 0'
  }
  {
    name: 'chat-upstream-failures'
    severity: 2
    description: 'At least ${chatUpstreamFailures} chat requests failed upstream (Gemini errors or timeouts) in 15 minutes.'
    query: 'customMetrics | where name == "healthoracle.chat.requests" | extend outcome = tostring(customDimensions["outcome"]) | summarize upstreamFailures = sumif(valueSum, outcome startswith "upstream") | where upstreamFailures >= ${chatUpstreamFailures}'
  }
]

module alerts '../core/monitor/log-alert.bicep' = [
  for rule in rules: {
    name: 'alert-${rule.name}'
    params: {
      name: '${namePrefix}-${rule.name}'
      location: location
      tags: tags
      alertDescription: rule.description
      applicationInsightsId: applicationInsightsId
      query: rule.query
      severity: rule.severity
      actionGroupIds: actionGroupIds
    }
  }
]

output names string[] = [for rule in rules: '${namePrefix}-${rule.name}']
