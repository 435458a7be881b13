// The operator's view of the service: requests, latency and every metric the app emits, in one
// Azure Monitor workbook attached to Application Insights (app/workbook.json holds its queries).

@description('Display name of the workbook.')
param displayName string

@description('Azure region of the workbook.')
param location string

@description('Tags applied to the workbook.')
param tags object = {}

@description('Resource ID of the Application Insights component the queries run against.')
param applicationInsightsId string

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // Workbook names must be GUIDs; this one is stable per component, so a redeploy updates it in place.
  name: guid(applicationInsightsId, 'healthoracle-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: applicationInsightsId
    serializedData: loadTextContent('workbook.json')
  }
}

output resourceId string = workbook.id
