// HealthOracle.Functions on Azure: a Flex Consumption function app that reads its ONNX models from
// Blob Storage with a managed identity, Application Insights without local auth, the Gemini key in
// Key Vault and, optionally, the static site. `azd up` deploys it; nothing here holds a secret.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource except the Static Web App; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object ID of the deploying user or pipeline (azd fills AZURE_PRINCIPAL_ID): it gets write on the models container and Key Vault Secrets Officer. Empty grants nothing.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Memory of each function app instance in MB (2048 leaves room for four ONNX sessions).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the function app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances of the HTTP scale group: 0 scales to zero (cold starts), 1 or more keeps that many warm and billed.')
@minValue(0)
@maxValue(100)
param alwaysReadyHttpInstances int = 0

@description('Comma list of browser origins allowed to call the API (CORS), for example https://example.org; the Static Web App\'s origin is added when deploySite is true.')
param corsAllowedOrigins string = ''

@description('Deploy a Static Web App for site/ and allow its origin in CORS.')
param deploySite bool = false

@description('Region of the Static Web App (a region that offers Static Web Apps).')
@allowed(['centralus', 'eastasia', 'eastus2', 'westeurope', 'westus2'])
param siteLocation string = 'westeurope'

@description('Name of the blob container that holds the models.')
@minLength(3)
@maxLength(63)
param modelsContainerName string = 'models'

@description('NCRONTAB schedule (6 fields) of the Warmup timer.')
param warmupSchedule string = '0 */5 * * * *'

@description('Comma list of the diseases the Warmup timer loads.')
param warmupPreload string = 'heart,diabetes,liver,lung'

@description('URL the Warmup timer GETs to keep the HTTP scale group warm; empty means the app\'s own /api/health, "none" turns the ping off.')
param warmupPingUrl string = ''

// Empty by default (no secret), so that `azd up` never stops to ask for it and Vertex AI needs no key.
@secure()
@description('Gemini API key (azd reads GEMINI_API_KEY). When not empty it is stored in Key Vault as a secret; it is never written to app settings or outputs.')
param geminiApiKey string = ''

@description('True when the Gemini key secret was set in Key Vault by hand (az keyvault secret set) rather than through geminiApiKey.')
param geminiApiKeyInKeyVault bool = false

@description('Name of the Key Vault secret that holds the Gemini API key.')
param geminiApiKeySecretName string = 'gemini-api-key'

@description('Gemini model the chat uses.')
param geminiModel string = 'gemini-2.5-flash'

@description('Google Cloud project for Gemini on Vertex AI; empty to use the Gemini API with the key.')
param geminiProject string = ''

@description('Vertex AI location (for example europe-west4); used with geminiProject.')
param geminiLocation string = ''

@description('Path, inside the deployed app, of a Google credential configuration (workload identity federation) for Vertex AI; empty for none.')
param geminiCredentialsFile string = ''

@description('Chat requests per minute allowed per client IP.')
@minValue(1)
param chatPermitsPerMinute int = 10

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var hostStorageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var modelStorageAccountName = '${abbrs.storageStorageAccounts}mdl${resourceToken}'
var deploymentContainerName = take('app-package-${functionAppName}', 63)
var ownHealthUrl = 'https://${functionAppName}.azurewebsites.net/api/health'
var effectivePingUrl = warmupPingUrl == 'none' ? '' : (empty(warmupPingUrl) ? ownHealthUrl : warmupPingUrl)
var hasGeminiKey = !empty(geminiApiKey) || geminiApiKeyInKeyVault
var corsOrigins = filter(map(split(corsAllowedOrigins, ','), origin => trim(origin)), origin => !empty(origin))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

// Host storage (AzureWebJobsStorage, deployment packages) is a separate account from the model
// store, so that the Blob Data Owner role the host needs does not reach the models.
module hostStorage 'core/storage/storage-account.bicep' = {
  name: 'hostStorage'
  scope: rg
  params: {
    name: hostStorageAccountName
    location: location
    tags: tags
    containers: [deploymentContainerName]
  }
}

module modelStorage 'core/storage/storage-account.bicep' = {
  name: 'modelStorage'
  scope: rg
  params: {
    name: modelStorageAccountName
    location: location
    tags: tags
    containers: [modelsContainerName]
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    secretName: geminiApiKeySecretName
    secretValue: geminiApiKey
  }
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

module site 'core/host/static-web-app.bicep' = if (deploySite) {
  name: 'site'
  scope: rg
  params: {
    name: '${abbrs.webStaticSites}${resourceToken}'
    location: siteLocation
    tags: tags
  }
}

// Role assignments come before the app so that its first start can reach storage.
module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    hostStorageAccountName: hostStorage.outputs.name
    modelStorageAccountName: modelStorage.outputs.name
    modelsContainerName: modelsContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  dependsOn: [rbac]
  params: {
    name: functionAppName
    location: location
    tags: tags
    planId: plan.outputs.resourceId
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    hostStorageAccountName: hostStorage.outputs.name
    deploymentContainerName: deploymentContainerName
    modelStorageBlobEndpoint: modelStorage.outputs.blobEndpoint
    modelsContainerName: modelsContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    corsAllowedOrigins: union(corsOrigins, deploySite ? [site.?outputs.uri ?? ''] : [])
    warmupSchedule: warmupSchedule
    warmupPreload: warmupPreload
    warmupPingUrl: effectivePingUrl
    geminiApiKeySecretUri: hasGeminiKey ? keyVault.outputs.secretUri : ''
    geminiModel: geminiModel
    geminiProject: geminiProject
    geminiLocation: geminiLocation
    geminiCredentialsFile: geminiCredentialsFile
    chatPermitsPerMinute: chatPermitsPerMinute
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = hostStorage.outputs.name
output MODEL_STORAGE_ACCOUNT_NAME string = modelStorage.outputs.name
output MODELS_CONTAINER_NAME string = modelsContainerName
output MODEL_STORAGE_BLOB_ENDPOINT string = modelStorage.outputs.blobEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.vaultUri
output GEMINI_API_KEY_SECRET_NAME string = geminiApiKeySecretName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output SITE_URI string = deploySite ? (site.?outputs.uri ?? '') : ''
output STATIC_WEB_APP_NAME string = deploySite ? (site.?outputs.name ?? '') : ''
