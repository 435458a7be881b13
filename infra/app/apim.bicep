// The API product on an existing API Management service: the HealthOracle API (imported from the
// app's own OpenAPI document once the app serves it), its policies, the gateway's key to the app as a
// Key Vault named value, and two products (free, metered) whose limits are parameters. Policies live
// in apim-policies/*.xml; every error the gateway itself answers is problem+json (global.xml).

@description('Name of the existing API Management service.')
param apimName string

@description('Public URL of the Functions app, for example https://func-api-<token>.azurewebsites.net.')
param appUri string

@description('True once the app has been deployed and serves /api/openapi.json: the API is then imported from that document on every provision. False (the first provision, before any code exists) declares the API without operations; the postdeploy hook imports them.')
param importFromApp bool

@description('URL suffix of the API on the gateway; the backend is the app\'s URL plus the same suffix. \'api\' matches a document whose paths are relative to /api (servers: [{ url: "/api" }]).')
param apiPath string = 'api'

@description('Versionless Key Vault URI of the key slot the gateway sends to the app (X-Gateway-Key), read with identityClientId; used when gatewayKeyValue is empty.')
param gatewayKeySecretUri string

// The first provision creates the vault's secret, the gateway's role on it and this named value within
// seconds of each other, and a new role can take minutes to apply: reading Key Vault then fails with 403.
// So the first provision hands the named value the key itself (the same generated value it writes to Key
// Vault), and every later one switches it to the Key Vault reference, by when the role has long applied.
@secure()
@description('The gateway key itself, on the provision that generated it; empty on every later one (the named value then follows Key Vault).')
param gatewayKeyValue string = ''

@description('Client ID of the gateway\'s user-assigned identity, which reads that secret.')
param identityClientId string

@description('Free product: calls allowed per subscription in each rate-limit window.')
@minValue(1)
param freeRateLimitCalls int

@description('Free product: length of the rate-limit window in seconds (API Management allows at most 300).')
@minValue(1)
@maxValue(300)
param freeRateLimitPeriodSeconds int

@description('Free product: calls allowed per subscription per day.')
@minValue(1)
param freeDailyQuota int

@description('Metered product: calls allowed per subscription in each rate-limit window.')
@minValue(1)
param meteredRateLimitCalls int

@description('Metered product: length of the rate-limit window in seconds (at most 300).')
@minValue(1)
@maxValue(300)
param meteredRateLimitPeriodSeconds int

@description('Metered product: calls allowed per subscription per 30 days.')
@minValue(1)
param meteredMonthlyQuota int

var apiName = 'healthoracle'
var openApiUrl = '${appUri}/api/openapi.json'
var backendUrl = empty(apiPath) ? appUri : '${appUri}/${apiPath}'

var products = [
  {
    name: 'free'
    displayName: 'Free'
    description: 'Try the API: ${freeRateLimitCalls} calls per ${freeRateLimitPeriodSeconds} s and ${freeDailyQuota} calls a day per key.'
    approvalRequired: false
    policy: replace(replace(replace(loadTextContent('apim-policies/product-free.xml'),
      '__RATE_LIMIT_CALLS__', string(freeRateLimitCalls)),
      '__RATE_LIMIT_PERIOD__', string(freeRateLimitPeriodSeconds)),
      '__QUOTA_CALLS__', string(freeDailyQuota))
  }
  {
    name: 'metered'
    displayName: 'Metered'
    description: 'Pay per call: up to ${meteredMonthlyQuota} calls per 30 days and ${meteredRateLimitCalls} calls per ${meteredRateLimitPeriodSeconds} s per key.'
    approvalRequired: true
    policy: replace(replace(replace(loadTextContent('apim-policies/product-metered.xml'),
      '__RATE_LIMIT_CALLS__', string(meteredRateLimitCalls)),
      '__RATE_LIMIT_PERIOD__', string(meteredRateLimitPeriodSeconds)),
      '__QUOTA_CALLS__', string(meteredMonthlyQuota))
  }
]

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

resource globalPolicy 'Microsoft.ApiManagement/service/policies@2024-05-01' = {
  parent: apim
  name: 'policy'
  properties: {
    format: 'xml'
    value: loadTextContent('apim-policies/global.xml')
  }
}

// After the first provision the secret's value never passes through the template: API Management reads it
// from Key Vault with its identity, and follows a new version within four hours (or at once on a refresh,
// which the postprovision hook asks for).
resource gatewayKey 'Microsoft.ApiManagement/service/namedValues@2024-05-01' = {
  parent: apim
  name: 'gateway-key'
  properties: empty(gatewayKeyValue)
    ? {
        displayName: 'gateway-key'
        secret: true
        keyVault: {
          secretIdentifier: gatewayKeySecretUri
          identityClientId: identityClientId
        }
      }
    : {
        displayName: 'gateway-key'
        secret: true
        value: gatewayKeyValue
      }
}

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: apim
  name: apiName
  properties: {
    displayName: 'HealthOracle'
    description: 'Disease risk predictions and health chat. Contract: the app\'s /api/openapi.json.'
    path: apiPath
    protocols: ['https']
    apiType: 'http'
    serviceUrl: backendUrl
    subscriptionRequired: true
    subscriptionKeyParameterNames: {
      header: 'Ocp-Apim-Subscription-Key'
      query: 'subscription-key'
    }
    // Imported by link from the running app: API Management fetches the document itself, so the
    // gateway's operations are always the app's own contract, never a copy kept in this repository.
    format: importFromApp ? 'openapi+json-link' : null
    value: importFromApp ? openApiUrl : null
  }
}

resource apiPolicy 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
  parent: api
  name: 'policy'
  dependsOn: [gatewayKey]
  properties: {
    format: 'xml'
    value: loadTextContent('apim-policies/api.xml')
  }
}

resource productResources 'Microsoft.ApiManagement/service/products@2024-05-01' = [
  for product in products: {
    parent: apim
    name: product.name
    properties: {
      displayName: product.displayName
      description: product.description
      subscriptionRequired: true
      approvalRequired: product.approvalRequired
      state: 'published'
    }
  }
]

resource productPolicies 'Microsoft.ApiManagement/service/products/policies@2024-05-01' = [
  for (product, i) in products: {
    parent: productResources[i]
    name: 'policy'
    dependsOn: [globalPolicy]
    properties: {
      format: 'xml'
      value: product.policy
    }
  }
]

resource productApis 'Microsoft.ApiManagement/service/products/apis@2024-05-01' = [
  for (product, i) in products: {
    parent: productResources[i]
    name: api.name
  }
]

output apiName string = api.name
output apiPath string = apiPath
output openApiUrl string = openApiUrl
output backendUrl string = backendUrl
output productNames string[] = [for product in products: product.name]
