// The CDS Hooks routes as an API and a product of their own on the API Management service that apim.bicep
// configures (issue 27): EHR vendors subscribe to "CDS Hooks" and pay per call. The API's base URL on the gateway,
// https://<gateway>/<cdsPath>, is what an EHR registers (it calls <base>/cds-services and <base>/cds-services/{id});
// the backend is the app's /api. Its policy is the HealthOracle API's (gateway key to the app, caller's key and
// client-principal headers removed) with CORS for any origin, as the CDS Hooks specification asks.

@description('Name of the existing API Management service.')
param apimName string

@description('Public URL of the Functions app, for example https://func-api-<token>.azurewebsites.net.')
param appUri string

@description('URL suffix of the CDS Hooks API on the gateway: EHRs register https://<gateway>/<cdsPath>.')
param cdsPath string = 'cds-hooks'

@description('CDS Hooks product: calls allowed per subscription in each rate-limit window.')
param rateLimitCalls int = 60

@description('CDS Hooks product: length of the rate-limit window in seconds (at most 300).')
@maxValue(300)
param rateLimitPeriodSeconds int = 60

@description('CDS Hooks product: calls allowed per subscription per 30 days.')
param monthlyQuota int = 100000

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: apim
  name: 'healthoracle-cds-hooks'
  properties: {
    displayName: 'HealthOracle CDS Hooks'
    description: 'CDS Hooks 2.0: discovery and one patient-view service per disease (docs/fhir.md).'
    path: cdsPath
    protocols: ['https']
    apiType: 'http'
    serviceUrl: '${appUri}/api'
    subscriptionRequired: true
    subscriptionKeyParameterNames: {
      header: 'Ocp-Apim-Subscription-Key'
      query: 'subscription-key'
    }
  }
}

resource discovery 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = {
  parent: api
  name: 'discoverCdsServices'
  properties: {
    displayName: 'CDS Hooks discovery'
    method: 'GET'
    urlTemplate: '/cds-services'
  }
}

resource service 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = {
  parent: api
  name: 'callCdsService'
  properties: {
    displayName: 'CDS Hooks: a patient-view call'
    method: 'POST'
    urlTemplate: '/cds-services/{id}'
    templateParameters: [
      {
        name: 'id'
        type: 'string'
        required: true
        description: 'The service: a disease key, as GET /cds-services lists them.'
      }
    ]
  }
}

resource apiPolicy 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'xml'
    value: loadTextContent('apim-policies/cds-hooks-api.xml')
  }
}

resource product 'Microsoft.ApiManagement/service/products@2024-05-01' = {
  parent: apim
  name: 'cds-hooks'
  properties: {
    displayName: 'CDS Hooks'
    description: 'For EHRs: the CDS Hooks service, ${rateLimitCalls} calls per ${rateLimitPeriodSeconds} s and up to ${monthlyQuota} calls per 30 days per key.'
    subscriptionRequired: true
    approvalRequired: true
    state: 'published'
  }
}

resource productPolicy 'Microsoft.ApiManagement/service/products/policies@2024-05-01' = {
  parent: product
  name: 'policy'
  properties: {
    format: 'xml'
    value: replace(replace(replace(loadTextContent('apim-policies/product-cds-hooks.xml'),
      '__RATE_LIMIT_CALLS__', string(rateLimitCalls)),
      '__RATE_LIMIT_PERIOD__', string(rateLimitPeriodSeconds)),
      '__QUOTA_CALLS__', string(monthlyQuota))
  }
}

resource productApi 'Microsoft.ApiManagement/service/products/apis@2024-05-01' = {
  parent: product
  name: api.name
}

output cdsApiPath string = cdsPath
output productName string = product.name
