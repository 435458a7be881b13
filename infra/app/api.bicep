// The function app on the Flex Consumption plan. Every connection it makes (host storage, the model
// store, Application Insights, Key Vault) uses its user-assigned identity: no key, no connection string.

@description('Name of the function app.')
param name string

@description('Azure region of the function app.')
param location string

@description('Tags applied to the function app (azd-service-name is added here).')
param tags object = {}

@description('The azd service this app hosts, as named in azure.yaml.')
param serviceName string = 'api'

@description('Resource ID of the Flex Consumption plan.')
param planId string

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Client ID of that identity.')
param identityClientId string

@description('Name of the host storage account (AzureWebJobsStorage and deployment packages).')
param hostStorageAccountName string

@description('Blob container that holds the deployment packages.')
param deploymentContainerName string

@description('Blob endpoint of the model store, for example https://<account>.blob.core.windows.net/.')
param modelStorageBlobEndpoint string

@description('Blob container of the models.')
param modelsContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Memory of each instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances of the HTTP scale group kept running at all times (billed while idle).')
@minValue(0)
param alwaysReadyHttpInstances int

@description('Origins allowed to call the API from a browser.')
param corsAllowedOrigins string[]

@description('NCRONTAB (6 fields) of the Warmup timer.')
param warmupSchedule string

@description('Comma list of diseases the Warmup timer loads.')
param warmupPreload string

@description('URL the Warmup timer GETs to keep the HTTP scale group warm; empty for none.')
param warmupPingUrl string

@description('Key Vault secret URI of the Gemini API key; empty when there is none.')
param geminiApiKeySecretUri string

@description('Gemini model name.')
param geminiModel string

@description('Google Cloud project for Vertex AI; empty to use the Gemini API with a key.')
param geminiProject string

@description('Vertex AI location, for example europe-west4.')
param geminiLocation string

@description('Path, inside the deployed app, of a Google credential configuration for Vertex AI; empty for none.')
param geminiCredentialsFile string

@description('Chat requests per minute allowed per client IP.')
@minValue(1)
param chatPermitsPerMinute int

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientCertEnabled: false
    // Key Vault references resolve with this identity (there is no system-assigned one).
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // All HTTP functions share the 'http' scale group; an empty list is the known-good shape for none.
        alwaysReady: alwaysReadyHttpInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyHttpInstances
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
      appSettings: [
        // Host storage by identity: the host reads these instead of a connection string.
        { name: 'AzureWebJobsStorage__blobServiceUri', value: hostStorage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: hostStorage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: hostStorage.properties.primaryEndpoints.table }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        // DefaultAzureCredential picks the user-assigned identity by this.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        // Telemetry is accepted only with an Entra ID token of this identity (local auth is off).
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD;ClientId=${identityClientId}' }
        // The model store, read-only for this identity and only in the models container.
        { name: 'ModelStorage__serviceUri', value: modelStorageBlobEndpoint }
        { name: 'ModelStorage__credential', value: 'managedidentity' }
        { name: 'ModelStorage__clientId', value: identityClientId }
        { name: 'ModelStore__Container', value: modelsContainerName }
        { name: 'WarmupSchedule', value: warmupSchedule }
        { name: 'Warmup__Preload', value: warmupPreload }
        { name: 'Warmup__PingUrl', value: warmupPingUrl }
        {
          name: 'Gemini__ApiKey'
          value: empty(geminiApiKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${geminiApiKeySecretUri})'
        }
        { name: 'Gemini__Model', value: geminiModel }
        { name: 'Gemini__Project', value: geminiProject }
        { name: 'Gemini__Location', value: geminiLocation }
        { name: 'Gemini__CredentialsFile', value: geminiCredentialsFile }
        { name: 'Chat__RateLimit__PermitsPerMinute', value: string(chatPermitsPerMinute) }
      ]
    }
  }
}

// Deployments go through Entra ID (azd, az functionapp deploy); no FTP or SCM user/password.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
