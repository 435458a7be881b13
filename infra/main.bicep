// HealthOracle.Functions on Azure: a Flex Consumption function app that reads its ONNX models from
// Blob Storage with a managed identity, people's data in a table account of its own, Application
// Insights without local auth, alerts, a workbook and cost caps, the Gemini key in Key Vault, the API
// product on API Management (on by default) and, optionally, the static site and Entra ID sign-in.
// `azd up` deploys it; nothing here holds a secret. infra/README.md explains every choice.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the unique resource names.')
param environmentName string

// The Flex Consumption regions of Azure-Samples/functions-quickstart-dotnet-azd's infra/main.bicep (commit
// fe74255, 2026-02-24), without its canary region eastus2euap. The live list is
// `az functionapp list-flexconsumption-locations`; add a region here when it appears there.
@minLength(1)
@description('Azure region of every resource except the Static Web App; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object ID of the deploying user or pipeline (azd fills AZURE_PRINCIPAL_ID): it gets write on the models container and Key Vault Secrets Officer. Empty grants nothing.')
param principalId string = ''

// azd substitutes ${AZURE_PRINCIPAL_TYPE} with the type of the account it is signed in as (User or
// ServicePrincipal), so a pipeline signed in as a service principal needs no setting. Deployed without
// azd, an empty value is derived from the deployer: a user has a user principal name, a service
// principal or managed identity has none.
@description('Kind of principal principalId is (User, ServicePrincipal or Group); empty derives it from the deploying principal.')
@allowed(['', 'User', 'ServicePrincipal', 'Group'])
param principalType string = ''

@description('Memory of each function app instance in MB: 512 holds the worker at its measured peak with 47% to spare (docs/cost.md, bench/memory); 2048 for a quicker cold start and more throughput per instance (1 core against 0.25).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 512

// The platform accepts 1 to 1000 (learn.microsoft.com/azure/azure-functions/event-driven-scaling#limit-scale-out,
// "Currently the lowest maximum instance count value is 1"). A small cap is the cheapest defence against
// a runaway bill: at most this many instances per scale group are ever billed at once.
@description('Most on-demand instances each scale group (HTTP, the warm-up timer) scales out to: the cost ceiling. 1-1000.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 5

@description('Always-ready instances of the HTTP scale group: 0 scales to zero (cold starts), 1 or more keeps that many warm and billed. At most maximumInstanceCount (checked at deployment).')
@minValue(0)
@maxValue(100)
param alwaysReadyHttpInstances int = 0

@description('Concurrent HTTP invocations one instance takes before the platform adds another (the platform default for 2048 MB is 16).')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('Comma list of browser origins allowed to call the API (CORS), for example https://example.org; the Static Web App\'s origin is added when deploySite is true.')
param corsAllowedOrigins string = ''

@description('Deploy the site (azure.yaml service web) to a Free Static Web App and allow its origin in CORS and sign-in redirects.')
param deploySite bool = true

@description('Region of the Static Web App (a region that offers Static Web Apps).')
@allowed(['centralus', 'eastasia', 'eastus2', 'westeurope', 'westus2'])
param siteLocation string = 'westeurope'

@description('Name of the blob container that holds the models.')
@minLength(3)
@maxLength(63)
param modelsContainerName string = 'models'

@description('NCRONTAB schedule (6 fields) of the WarmUp timer.')
param warmupSchedule string = '0 */5 * * * *'

@description('Comma list of the diseases the WarmUp timer loads; empty means every disease the app serves, "none" none.')
param warmupPreload string = ''

@description('URL the WarmUp timer GETs to keep the HTTP scale group warm; empty means the app\'s own /api/health, "none" turns the ping off.')
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

@description('Vertex AI location (for example europe-west4); empty lets the app use us-central1.')
param geminiLocation string = ''

@description('Path, inside the deployed app, of a Google service-account file for Vertex AI; empty uses Google application default credentials.')
param geminiCredentialsFile string = ''

// Vertex AI without a Google secret (infra/README.md, "Vertex AI without a secret"): the app's identity is
// exchanged for a Google token by workload identity federation. With a project and a provider, no chat secret
// is written to Key Vault and Gemini__ApiKey stays empty.
@description('Workload identity pool provider that trusts this tenant: projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER; empty for none.')
param geminiWorkloadIdentityProvider string = ''

@description('Audience the provider allows, which the app asks Entra ID for (an application ID URI, api://...); required with geminiWorkloadIdentityProvider.')
param geminiManagedIdentityAudience string = ''

@description('Service account the federated identity acts as (NAME@PROJECT.iam.gserviceaccount.com); empty calls Vertex AI as the federated principal itself.')
param geminiServiceAccount string = ''

@description('Chat requests per minute allowed per client IP.')
@minValue(1)
param chatPermitsPerMinute int = 10

@description('Key Vault purge protection. Once on it cannot be turned off, and azd down --purge cannot purge the vault before its 7-day retention ends.')
param keyVaultPurgeProtection bool = false

// Observability and cost guardrails.

@description('E-mail address that receives alerts and budget warnings (azd reads ALERT_EMAIL); empty records alerts in the portal only and sends budget warnings to the resource group\'s owners and contributors.')
param alertEmail string = ''

@description('Most data Log Analytics (and so Application Insights) ingests per day, in GB; -1 for no cap.')
@minValue(-1)
param logAnalyticsDailyCapGb int = 1

@description('Monthly budget of the resource group, in the subscription\'s billing currency; 0 creates none.')
@minValue(0)
param monthlyBudget int = 50

// Budgets refuse a change of start date, so the first provision's value is kept in the azd environment
// (the BUDGET_START_DATE output) and passed again on every later provision; the postdown hook empties it,
// since a new budget cannot start in a past month.
@description('First day of the budget\'s first month, yyyy-MM-01; empty is the current month.')
param budgetStartDate string = ''

@description('The current month, yyyy-MM-01: leave it to its default.')
param currentMonth string = utcNow('yyyy-MM-01')

@description('Seconds between runs of the availability test on /api/health (from each of three regions; every run is a billed execution).')
@allowed([300, 600, 900])
param availabilityTestFrequencySeconds int = 900

@description('Percentage of 5xx answers over 15 minutes that fires the server-error alert.')
@minValue(1)
@maxValue(100)
param alertServerErrorPercent int = 5

@description('p95 duration of prediction requests, in milliseconds over 15 minutes, that fires the latency alert.')
@minValue(1)
param alertP95LatencyMs int = 1000

// People and sign-in.

@description('Client (application) ID of the Microsoft Entra app registration that signs people in (azd reads AUTH_CLIENT_ID); empty leaves App Service Authentication unconfigured and nobody can sign in.')
param authClientId string = ''

@description('Tenant of that app registration; empty is the deployment\'s tenant.')
param authTenantId string = ''

@description('Keep signed-in people\'s provider tokens in the platform\'s token store; off, as the app never reads them.')
param authTokenStore bool = false

// The API product on API Management.

@description('Deploy API Management (Consumption tier) with the free and metered products, and accept paid API calls only through it.')
param deployApiManagement bool = true

@description('Region of API Management; empty is the location above. It must offer the Consumption tier.')
param apimLocation string = ''

@description('Publisher e-mail API Management requires; empty uses alertEmail, or noreply@example.com when that is empty too.')
param apimPublisherEmail string = ''

@description('Publisher name shown to API consumers.')
param apimPublisherName string = 'HealthOracle'

@description('True once the app serves /api/openapi.json (the postdeploy hook sets APIM_IMPORT_FROM_APP after the first deployment): provisioning then imports the API from it.')
param apimImportFromApp bool = false

@description('URL suffix of the API on the gateway (and on the app behind it).')
param apimApiPath string = 'api'

@description('Free product: calls per subscription per rate-limit window.')
@minValue(1)
param freeRateLimitCalls int = 10

@description('Free product: rate-limit window in seconds (1-300).')
@minValue(1)
@maxValue(300)
param freeRateLimitPeriodSeconds int = 60

@description('Free product: calls per subscription per day.')
@minValue(1)
param freeDailyQuota int = 1000

@description('Metered product: calls per subscription per rate-limit window.')
@minValue(1)
param meteredRateLimitCalls int = 600

@description('Metered product: rate-limit window in seconds (1-300).')
@minValue(1)
@maxValue(300)
param meteredRateLimitPeriodSeconds int = 60

@description('Metered product: calls per subscription per 30 days.')
@minValue(1)
param meteredMonthlyQuota int = 1000000

@description('Predictions and chat calls per minute per client address that reach the app without the gateway (the static site\'s route).')
@minValue(1)
param siteDirectPermitsPerMinute int = 30

@description('Prefix of the two Key Vault secrets (key slots <prefix>-a and <prefix>-b) that hold the key the gateway sends to the app.')
param gatewayKeySecretName string = 'apim-gateway-key'

@description('True once the gateway key slots exist in Key Vault (the GATEWAY_KEY_IN_KEY_VAULT output sets it after the first provision, the postdown hook resets it); false writes both slots anew.')
param gatewayKeyInKeyVault bool = false

@description('The key slot (a or b) the gateway sends; kept in the azd environment by the GATEWAY_KEY_SLOT output.')
@allowed(['a', 'b'])
param gatewayKeySlot string = 'a'

@description('Key rotation: start writes a new key into the other slot (the app then accepts both); finish, on the next provision, moves the gateway to it. The GATEWAY_KEY_ROTATION output moves it on, then back to empty.')
@allowed(['', 'start', 'finish'])
param gatewayKeyRotation string = ''

// Generated at deployment time, used only when a slot is (re)written; never in the repository, the
// template or its outputs, and deployment history does not record secure parameters.
@secure()
@description('The gateway key; leave it to its generated default.')
param gatewayKey string = newGuid()

@secure()
@description('The second key slot\'s first value; leave it to its generated default.')
param gatewayKeySecond string = newGuid()

// The private-network option.

@description('Keep health data off the public internet: a virtual network, the app\'s outbound traffic through it, private endpoints for the storage accounts and the vault, and public network access off for the host and people storage (the model store accepts only modelPublishIpAddresses).')
param vnetEnabled bool = false

@description('With vnetEnabled: comma list of public IPv4 addresses or CIDR ranges that may reach the model store, for publishing models (your own address); empty lets none, and the postprovision hook then skips publishing.')
param modelPublishIpAddresses string = ''

@description('A CanNotDelete lock on the people\'s storage account, so that azd down cannot destroy their data by accident (creating a lock needs Owner or User Access Administrator). False, before azd down, lets the predown hook remove it.')
param peopleStorageLock bool = true

@description('How new code and settings reach running instances: Recreate (the default: all instances restart, a brief pause) or RollingUpdate (in preview: drained in batches, no pause).')
@allowed(['Recreate', 'RollingUpdate'])
param siteUpdateStrategy string = 'Recreate'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var hostStorageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var modelStorageAccountName = '${abbrs.storageStorageAccounts}mdl${resourceToken}'
var deploymentContainerName = take('app-package-${functionAppName}', 63)
var ownHealthUrl = 'https://${functionAppName}.azurewebsites.net/api/health'
var effectivePingUrl = warmupPingUrl == 'none' ? '' : (empty(warmupPingUrl) ? ownHealthUrl : warmupPingUrl)
var geminiByIdentity = !empty(geminiProject) && !empty(geminiWorkloadIdentityProvider)
var hasGeminiKey = !geminiByIdentity && (!empty(geminiApiKey) || geminiApiKeyInKeyVault)
var corsOrigins = filter(map(split(corsAllowedOrigins, ','), origin => trim(origin)), origin => !empty(origin))
var peopleStorageAccountName = '${abbrs.storageStorageAccounts}ppl${resourceToken}'
var derivedPrincipalType = empty(deployer().?userPrincipalName ?? '') ? 'ServicePrincipal' : 'User'
var deployerPrincipalType = principalType == 'Group'
  ? 'Group'
  : (principalType == 'ServicePrincipal' ? 'ServicePrincipal' : (principalType == 'User' ? 'User' : derivedPrincipalType))
// Always-ready instances are billed around the clock; more of them than the on-demand cap is a mistake.
var checkedAlwaysReadyHttpInstances = alwaysReadyHttpInstances <= maximumInstanceCount
  ? alwaysReadyHttpInstances
  : fail('alwaysReadyHttpInstances (ALWAYS_READY_HTTP_INSTANCES) must not exceed maximumInstanceCount (MAXIMUM_INSTANCE_COUNT).')
var checkedDailyCapGb = logAnalyticsDailyCapGb != 0
  ? logAnalyticsDailyCapGb
  : fail('logAnalyticsDailyCapGb (LOG_ANALYTICS_DAILY_CAP_GB) 0 would stop all telemetry; use -1 for no cap.')
var authEnabled = !empty(authClientId)
var effectiveAuthTenantId = empty(authTenantId) ? tenant().tenantId : authTenantId
var effectiveApimLocation = empty(apimLocation) ? location : apimLocation
var effectivePublisherEmail = !empty(apimPublisherEmail) ? apimPublisherEmail : (!empty(alertEmail) ? alertEmail : 'noreply@example.com')
var actionGroupIds = empty(alertEmail) ? [] : [actionGroup.?outputs.resourceId ?? '']
var effectiveBudgetStartDate = empty(budgetStartDate) ? currentMonth : budgetStartDate
var modelPublishIps = filter(map(split(modelPublishIpAddresses, ','), address => trim(address)), address => !empty(address))
// The sign-in route the site links to, on the API's origin (App Service Authentication); empty without sign-in.
var signInPath = authEnabled ? '/.auth/login/aad' : ''

// The gateway key slots (app/gateway-key.bicep): which the gateway sends after this provision, and which are written.
var gatewayKeySlotNames = ['${gatewayKeySecretName}-a', '${gatewayKeySecretName}-b']
var firstGatewayKey = deployApiManagement && !gatewayKeyInKeyVault
var gatewayRotationStarts = deployApiManagement && gatewayKeyInKeyVault && gatewayKeyRotation == 'start'
var otherGatewayKeySlot = gatewayKeySlot == 'a' ? 'b' : 'a'
var sendingGatewayKeySlot = gatewayKeyRotation == 'finish' && gatewayKeyInKeyVault ? otherGatewayKeySlot : gatewayKeySlot

// The private-network option: which private endpoint goes to which account or vault, and which DNS zone it uses.
var privateDnsZoneNames = [
  'privatelink.blob.${environment().suffixes.storage}'
  'privatelink.table.${environment().suffixes.storage}'
  'privatelink.vaultcore.azure.net'
]
var privateEndpointSpecs = [
  { name: 'host-blob', target: 'host', groupId: 'blob', zone: 0 }
  { name: 'host-table', target: 'host', groupId: 'table', zone: 1 }
  { name: 'models-blob', target: 'models', groupId: 'blob', zone: 0 }
  { name: 'people-table', target: 'people', groupId: 'table', zone: 1 }
  { name: 'vault', target: 'vault', groupId: 'vault', zone: 2 }
]

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
    networkAccess: vnetEnabled ? 'private' : 'public'
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
    blobAuditWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    // The deployer publishes models from outside the network: only the listed addresses get through.
    networkAccess: vnetEnabled ? 'selected' : 'public'
    allowedIpAddresses: modelPublishIps
  }
}

// People's data (profiles, saved predictions and suggestions) in tables of an account of its own: the
// app's identity gets table access here and nowhere else, and neither the host nor the model store
// roles reach it. Every access to its rows is logged, and a lock keeps azd down from deleting it.
module peopleStorage 'core/storage/storage-account.bicep' = {
  name: 'peopleStorage'
  scope: rg
  params: {
    name: peopleStorageAccountName
    location: location
    tags: tags
    tableAuditWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    networkAccess: vnetEnabled ? 'private' : 'public'
    deleteLockName: peopleStorageLock ? 'people-data-can-not-delete' : ''
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
    dailyQuotaGb: checkedDailyCapGb
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
    secretValue: geminiByIdentity ? '' : geminiApiKey
    enablePurgeProtection: keyVaultPurgeProtection
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

// The key API Management sends to the app, in two slots: both written with fresh random values on the first
// provision, the other one at the start of a rotation; both sides read them from here.
module gatewayKeySlots 'app/gateway-key.bicep' = if (deployApiManagement) {
  name: 'gatewayKeySlots'
  scope: rg
  params: {
    vaultName: keyVault.outputs.name
    secretNames: gatewayKeySlotNames
    writeA: firstGatewayKey || (gatewayRotationStarts && otherGatewayKeySlot == 'a')
    writeB: firstGatewayKey || (gatewayRotationStarts && otherGatewayKeySlot == 'b')
    valueA: firstGatewayKey ? (sendingGatewayKeySlot == 'a' ? gatewayKey : gatewayKeySecond) : gatewayKey
    valueB: firstGatewayKey ? (sendingGatewayKeySlot == 'b' ? gatewayKey : gatewayKeySecond) : gatewayKey
  }
}

module network 'core/network/virtual-network.bicep' = if (vnetEnabled) {
  name: 'network'
  scope: rg
  params: {
    name: '${abbrs.networkVirtualNetworks}${resourceToken}'
    location: location
    tags: tags
    privateDnsZoneNames: privateDnsZoneNames
  }
}

module privateEndpoints 'core/network/private-endpoint.bicep' = [
  for endpoint in (vnetEnabled ? privateEndpointSpecs : []): {
    name: 'privateEndpoint-${endpoint.name}'
    scope: rg
    params: {
      name: '${abbrs.networkPrivateEndpoints}${endpoint.name}-${resourceToken}'
      location: location
      tags: tags
      subnetId: network.?outputs.privateEndpointSubnetId ?? ''
      serviceId: endpoint.target == 'host'
        ? hostStorage.outputs.resourceId
        : (endpoint.target == 'models'
            ? modelStorage.outputs.resourceId
            : (endpoint.target == 'people' ? peopleStorage.outputs.resourceId : keyVault.outputs.resourceId))
      groupId: endpoint.groupId
      privateDnsZoneId: network.?outputs.privateDnsZoneIds[endpoint.zone] ?? ''
    }
  }
]

module apimIdentity 'core/identity/user-assigned-identity.bicep' = if (deployApiManagement) {
  name: 'apimIdentity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}apim-${resourceToken}'
    location: effectiveApimLocation
    tags: tags
  }
}

// Used only as the Entra app registration's federated credential (sign-in without a client secret);
// Microsoft's guidance is an identity dedicated to that, so it holds no other role.
module authIdentity 'core/identity/user-assigned-identity.bicep' = if (authEnabled) {
  name: 'authIdentity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}auth-${resourceToken}'
    location: location
    tags: tags
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
    peopleStorageAccountName: peopleStorage.outputs.name
    modelsContainerName: modelsContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: deployerPrincipalType
    apimPrincipalId: deployApiManagement ? (apimIdentity.?outputs.principalId ?? '') : ''
    appSecretNames: concat(deployApiManagement ? gatewayKeySlotNames : [], hasGeminiKey ? [geminiApiKeySecretName] : [])
    gatewaySecretNames: deployApiManagement ? gatewayKeySlotNames : []
  }
  // The roles are on the secrets themselves, so the secrets come first.
  dependsOn: [gatewayKeySlots]
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
    peopleStorageTableEndpoint: peopleStorage.outputs.tableEndpoint
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: checkedAlwaysReadyHttpInstances
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    corsAllowedOrigins: union(corsOrigins, deploySite ? [site.?outputs.uri ?? ''] : [])
    siteUrl: deploySite ? (site.?outputs.uri ?? '') : ''
    authClientId: authClientId
    authTenantId: effectiveAuthTenantId
    authIdentityId: authEnabled ? (authIdentity.?outputs.resourceId ?? '') : ''
    authIdentityClientId: authEnabled ? (authIdentity.?outputs.clientId ?? '') : ''
    authTokenStore: authTokenStore
    gatewayKeySecretUri: deployApiManagement
      ? (sendingGatewayKeySlot == 'a' ? gatewayKeySlots.?outputs.secretUriWithVersionA : gatewayKeySlots.?outputs.secretUriWithVersionB) ?? ''
      : ''
    gatewayPreviousKeySecretUri: deployApiManagement
      ? (sendingGatewayKeySlot == 'a' ? gatewayKeySlots.?outputs.secretUriWithVersionB : gatewayKeySlots.?outputs.secretUriWithVersionA) ?? ''
      : ''
    virtualNetworkSubnetId: vnetEnabled ? (network.?outputs.appSubnetId ?? '') : ''
    siteUpdateStrategy: siteUpdateStrategy
    siteDirectPermitsPerMinute: siteDirectPermitsPerMinute
    warmupSchedule: warmupSchedule
    warmupPreload: warmupPreload
    warmupPingUrl: effectivePingUrl
    geminiApiKeySecretUri: hasGeminiKey ? keyVault.outputs.secretUri : ''
    geminiModel: geminiModel
    geminiProject: geminiProject
    geminiLocation: geminiLocation
    geminiCredentialsFile: geminiCredentialsFile
    geminiWorkloadIdentityProvider: geminiByIdentity ? geminiWorkloadIdentityProvider : ''
    geminiManagedIdentityAudience: geminiByIdentity ? geminiManagedIdentityAudience : ''
    geminiServiceAccount: geminiByIdentity ? geminiServiceAccount : ''
    chatPermitsPerMinute: chatPermitsPerMinute
  }
}

module actionGroup 'core/monitor/action-group.bicep' = if (!empty(alertEmail)) {
  name: 'actionGroup'
  scope: rg
  params: {
    name: '${abbrs.insightsActionGroups}${resourceToken}'
    shortName: 'healthoracle'
    tags: tags
    email: alertEmail
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: '${abbrs.insightsScheduledQueryRules}${resourceToken}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsResourceId
    actionGroupIds: actionGroupIds
    serverErrorPercent: alertServerErrorPercent
    p95LatencyMs: alertP95LatencyMs
  }
}

module availabilityTest 'core/monitor/availability-test.bicep' = {
  name: 'availabilityTest'
  scope: rg
  params: {
    name: '${abbrs.insightsWebTests}health-${resourceToken}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsResourceId
    url: '${api.outputs.uri}/api/health'
    frequencySeconds: availabilityTestFrequencySeconds
    actionGroupIds: actionGroupIds
  }
}

module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    displayName: 'HealthOracle (${environmentName})'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsResourceId
  }
}

module budget 'core/cost/budget.bicep' = if (monthlyBudget > 0) {
  name: 'budget'
  scope: rg
  params: {
    name: '${abbrs.consumptionBudgets}${resourceToken}'
    amount: max(monthlyBudget, 1)
    startDate: effectiveBudgetStartDate
    contactEmails: empty(alertEmail) ? [] : [alertEmail]
    actionGroupIds: actionGroupIds
  }
}

module apimService 'core/gateway/api-management.bicep' = if (deployApiManagement) {
  name: 'apimService'
  scope: rg
  dependsOn: [rbac]
  params: {
    name: '${abbrs.apiManagementService}${resourceToken}'
    location: effectiveApimLocation
    tags: tags
    publisherEmail: effectivePublisherEmail
    publisherName: apimPublisherName
    identityId: apimIdentity.?outputs.resourceId ?? ''
    identityClientId: apimIdentity.?outputs.clientId ?? ''
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module apim 'app/apim.bicep' = if (deployApiManagement) {
  name: 'apim'
  scope: rg
  params: {
    apimName: apimService.?outputs.name ?? ''
    appUri: api.outputs.uri
    importFromApp: apimImportFromApp
    apiPath: apimApiPath
    gatewayKeySecretUri: (sendingGatewayKeySlot == 'a' ? gatewayKeySlots.?outputs.secretUriA : gatewayKeySlots.?outputs.secretUriB) ?? ''
    gatewayKeyValue: firstGatewayKey ? gatewayKey : ''
    identityClientId: apimIdentity.?outputs.clientId ?? ''
    freeRateLimitCalls: freeRateLimitCalls
    freeRateLimitPeriodSeconds: freeRateLimitPeriodSeconds
    freeDailyQuota: freeDailyQuota
    meteredRateLimitCalls: meteredRateLimitCalls
    meteredRateLimitPeriodSeconds: meteredRateLimitPeriodSeconds
    meteredMonthlyQuota: meteredMonthlyQuota
  }
}

// The CDS Hooks routes as their own API and product (EHR vendors pay per call); after apim, whose gateway-key named value its policy uses.
module cdsHooks 'app/cds-hooks.bicep' = if (deployApiManagement) {
  name: 'cds-hooks'
  scope: rg
  dependsOn: [apim]
  params: {
    apimName: apimService.?outputs.name ?? ''
    appUri: api.outputs.uri
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
// The app identity's object ID: the subject Google's provider admits (infra/README.md, "Vertex AI without a secret").
output AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_STORAGE_ACCOUNT_NAME string = hostStorage.outputs.name
output MODEL_STORAGE_ACCOUNT_NAME string = modelStorage.outputs.name
output MODELS_CONTAINER_NAME string = modelsContainerName
output MODEL_STORAGE_BLOB_ENDPOINT string = modelStorage.outputs.blobEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.vaultUri
output GEMINI_API_KEY_SECRET_NAME string = geminiApiKeySecretName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output SITE_URI string = deploySite ? (site.?outputs.uri ?? '') : ''
// The site's config.js takes the API's origin (SERVICE_API_URI) and this route (scripts/build-site.sh).
output SIGN_IN_PATH string = signInPath
output STATIC_WEB_APP_NAME string = deploySite ? (site.?outputs.name ?? '') : ''
output PEOPLE_STORAGE_ACCOUNT_NAME string = peopleStorage.outputs.name
output PEOPLE_STORAGE_TABLE_ENDPOINT string = peopleStorage.outputs.tableEndpoint
output LOG_ANALYTICS_NAME string = monitoring.outputs.logAnalyticsName
output AUTH_IDENTITY_CLIENT_ID string = authEnabled ? (authIdentity.?outputs.clientId ?? '') : ''
output AUTH_IDENTITY_PRINCIPAL_ID string = authEnabled ? (authIdentity.?outputs.principalId ?? '') : ''
output APIM_NAME string = deployApiManagement ? (apimService.?outputs.name ?? '') : ''
output APIM_GATEWAY_URL string = deployApiManagement ? (apimService.?outputs.gatewayUrl ?? '') : ''
output APIM_API_ID string = deployApiManagement ? (apim.?outputs.apiName ?? '') : ''
output APIM_API_PATH string = apimApiPath
output GATEWAY_KEY_SECRET_NAME string = deployApiManagement ? gatewayKeySecretName : ''
// azd keeps outputs in the environment, and main.parameters.json reads these back: the budget keeps its start
// date, the gateway key slots are written once instead of on every provision, and a rotation moves on a step
// per provision (the postdown hook resets them all, for the next azd up).
output BUDGET_START_DATE string = effectiveBudgetStartDate
output GATEWAY_KEY_IN_KEY_VAULT bool = deployApiManagement
output GATEWAY_KEY_SLOT string = sendingGatewayKeySlot
output GATEWAY_KEY_ROTATION string = gatewayRotationStarts ? 'finish' : ''
output VNET_ENABLED bool = vnetEnabled
