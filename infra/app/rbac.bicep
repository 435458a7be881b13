// Every role assignment, least privilege. Names are guid(scope, principal, role), so a re-run
// finds the same assignment instead of failing on a duplicate.

@description('Name of the host storage account (AzureWebJobsStorage and deployment packages).')
param hostStorageAccountName string

@description('Name of the model storage account.')
param modelStorageAccountName string

@description('Name of the storage account that holds people\'s data (profiles, saved predictions) in tables.')
param peopleStorageAccountName string

@description('Blob container of the models.')
param modelsContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Principal (object) ID of the app\'s user-assigned identity.')
param appPrincipalId string

@description('Principal (object) ID of the deploying user or pipeline; empty grants nothing.')
param deployerPrincipalId string

@description('Kind of principal the deployer is.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param deployerPrincipalType string

@description('Principal (object) ID of the API Management service\'s user-assigned identity; empty when the gateway is not deployed.')
param apimPrincipalId string = ''

@description('Names of the Key Vault secrets the app reads (the gateway key slots, the Gemini key when there is one); the app\'s role is on each of them, not on the vault.')
param appSecretNames string[] = []

@description('Names of the Key Vault secrets the gateway reads (the gateway key slots).')
param gatewaySecretNames string[] = []

// Built-in role definition IDs (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner: host storage (leases, keys, deployment packages)
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor: host storage (diagnostic events); the people account
var storageBlobDataReader = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' // Storage Blob Data Reader: the app reads models
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor: the deployer publishes models
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb' // Monitoring Metrics Publisher: telemetry with Entra ID
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User: the app reads the Gemini and gateway keys; the gateway reads its key
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7' // Key Vault Secrets Officer: the deployer sets the Gemini key

var hasDeployer = !empty(deployerPrincipalId)
var hasGateway = !empty(apimPrincipalId)

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageAccountName
}

resource modelStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: modelStorageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource models 'containers' existing = {
      name: modelsContainerName
    }
  }
}

resource peopleStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: peopleStorageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = [
  for name in appSecretNames: {
    parent: keyVault
    name: name
  }
]

resource gatewaySecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = [
  for name in gatewaySecretNames: {
    parent: keyVault
    name: name
  }
]

// The Functions host needs these on its own storage account, which holds no model data.
resource hostBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, appPrincipalId, storageBlobDataOwner)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource hostTable 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, appPrincipalId, storageTableDataContributor)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The app can read models and nothing else on the model account: it cannot change what it serves.
resource appModelsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(modelStorage::blobService::models.id, appPrincipalId, storageBlobDataReader)
  scope: modelStorage::blobService::models
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataReader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// People's data: table read and write on that account and nothing else (no blob, no other account).
resource appPeopleTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(peopleStorage.id, appPrincipalId, storageTableDataContributor)
  scope: peopleStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerModelsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasDeployer) {
  name: guid(modelStorage::blobService::models.id, deployerPrincipalId, storageBlobDataContributor)
  scope: modelStorage::blobService::models
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

resource appMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The app reads the secrets it is configured with and nothing else in the vault.
resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in appSecretNames: {
    name: guid(appSecrets[i].id, appPrincipalId, keyVaultSecretsUser)
    scope: appSecrets[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasDeployer) {
  name: guid(keyVault.id, deployerPrincipalId, keyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

// The gateway reads its own key slots and nothing else in the vault (the Gemini key stays out of its reach).
resource gatewaySecretUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in (hasGateway ? gatewaySecretNames : []): {
    name: guid(gatewaySecrets[i].id, apimPrincipalId, keyVaultSecretsUser)
    scope: gatewaySecrets[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
      principalId: apimPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// The gateway's request logs reach Application Insights only with an Entra ID token (local auth is off).
resource gatewayMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasGateway) {
  name: guid(applicationInsights.id, apimPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: apimPrincipalId
    principalType: 'ServicePrincipal'
  }
}
