// API Management on the Consumption tier (billed per call, no idle cost), running as a user-assigned
// identity, with request logs sent to Application Insights by that identity (local auth is off there).
// The Consumption tier has no Azure Monitor resource logs and no built-in analytics; Application
// Insights request logs and Azure Monitor metrics are what it offers, so usage is read there.

@description('Name of the API Management service (1-50 letters, digits and hyphens).')
@minLength(1)
@maxLength(50)
param name string

@description('Azure region of the service (one that offers the Consumption tier).')
param location string

@description('Tags applied to the service.')
param tags object = {}

@description('E-mail of the publisher (required by API Management; it receives service notifications).')
param publisherEmail string

@description('Name of the publisher, shown to API consumers.')
param publisherName string

@description('Resource ID of the user-assigned identity the service runs as.')
param identityId string

@description('Client ID of that identity (the logger authenticates with it).')
param identityClientId string

@description('Name of the Application Insights component that receives the gateway\'s request logs.')
param applicationInsightsName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource apim 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Consumption'
    capacity: 0
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
  }
}

// The connection string only addresses the component; the identity (Monitoring Metrics Publisher on it)
// is what authenticates, since the component accepts no instrumentation-key-only telemetry.
resource logger 'Microsoft.ApiManagement/service/loggers@2024-05-01' = {
  parent: apim
  name: 'application-insights'
  properties: {
    loggerType: 'applicationInsights'
    resourceId: applicationInsights.id
    credentials: {
      connectionString: applicationInsights.properties.ConnectionString
      identityClientId: identityClientId
    }
  }
}

// Every call, without a byte of headers or bodies: the bodies are health data, the headers carry keys.
resource diagnostics 'Microsoft.ApiManagement/service/diagnostics@2024-05-01' = {
  parent: apim
  name: 'applicationinsights'
  properties: {
    loggerId: logger.id
    alwaysLog: 'allErrors'
    httpCorrelationProtocol: 'W3C'
    verbosity: 'information'
    logClientIp: false
    metrics: true
    sampling: {
      samplingType: 'fixed'
      percentage: 100
    }
    frontend: {
      request: { headers: [], body: { bytes: 0 } }
      response: { headers: [], body: { bytes: 0 } }
    }
    backend: {
      request: { headers: [], body: { bytes: 0 } }
      response: { headers: [], body: { bytes: 0 } }
    }
  }
}

output name string = apim.name
output resourceId string = apim.id
output gatewayUrl string = apim.properties.gatewayUrl
