// A standard availability test: Azure calls the URL from several regions on a schedule, and an alert
// fires when at least two of them fail at the same time (one failing region is usually the network).

@description('Name of the availability test.')
param name string

@description('Azure region (that of the Application Insights component).')
param location string

@description('Tags applied to the test and its alert.')
param tags object = {}

@description('Resource ID of the Application Insights component that records the results.')
param applicationInsightsId string

@description('URL the test GETs; anything but 200 is a failure.')
param url string

@description('Seconds between runs from each region. Every run is a billed execution of the app.')
@allowed([300, 600, 900])
param frequencySeconds int = 900

@description('Resource IDs of the action groups to notify; empty records the alert in the portal only.')
param actionGroupIds string[] = []

// Test regions (Application Insights location IDs): Europe, US east and west.
var testLocations = ['emea-nl-ams-azr', 'us-va-ash-azr', 'us-ca-sjc-azr']

resource test 'Microsoft.Insights/webtests@2022-06-15' = {
  name: name
  location: location
  // The portal lists a test under the component this tag names.
  tags: union(tags, { 'hidden-link:${applicationInsightsId}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: name
    Name: name
    Enabled: true
    Kind: 'standard'
    Frequency: frequencySeconds
    Timeout: 30
    RetryEnabled: true
    Locations: [for id in testLocations: { Id: id }]
    Request: {
      RequestUrl: url
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource alert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${name}-failing'
  location: 'global'
  tags: tags
  properties: {
    description: 'The health endpoint failed from at least two test regions at once.'
    severity: 1
    enabled: true
    scopes: [test.id, applicationInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: test.id
      componentId: applicationInsightsId
      failedLocationCount: 2
    }
    actions: [for id in actionGroupIds: { actionGroupId: id }]
  }
}

output resourceId string = test.id
