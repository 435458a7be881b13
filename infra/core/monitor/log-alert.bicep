// A log search alert over Application Insights: fires when the query returns at least one row.
// The threshold lives in the query (a `where` on the aggregate), so the rule reads as one sentence.

@description('Name of the alert rule.')
param name string

@description('Azure region of the rule (that of the Application Insights component).')
param location string

@description('Tags applied to the rule.')
param tags object = {}

@description('What the alert means, shown in the notification.')
param alertDescription string

@description('Resource ID of the Application Insights component the query runs against.')
param applicationInsightsId string

@description('KQL over the Application Insights tables; every row it returns is a breach.')
param query string

@description('Severity, 0 (critical) to 4 (verbose).')
@minValue(0)
@maxValue(4)
param severity int = 2

@description('How often the query runs (ISO 8601 duration).')
param evaluationFrequency string = 'PT5M'

@description('Time window the query sees (ISO 8601 duration).')
param windowSize string = 'PT15M'

@description('Resource IDs of the action groups to notify; empty records the alert in the portal only.')
param actionGroupIds string[] = []

resource rule 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: name
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: name
    description: alertDescription
    severity: severity
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    // The tables exist before the app has written a row to them (a new deployment has no metrics yet).
    skipQueryValidation: true
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: actionGroupIds
    }
  }
}

output resourceId string = rule.id
