// The function app on the Flex Consumption plan. Every connection it makes (host storage, the model
// store, people's tables, Application Insights, Key Vault) uses its user-assigned identity: no key, no
// connection string. Optionally, App Service Authentication signs people in with Microsoft Entra ID.

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

@description('Table endpoint of the people\'s data account, for example https://<account>.table.core.windows.net/.')
param peopleStorageTableEndpoint string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Resource ID of the Log Analytics workspace that receives FunctionAppLogs; empty sends none.')
param logAnalyticsWorkspaceId string = ''

@description('Memory of each instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Most on-demand instances each scale group (HTTP, the timer) scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances of the HTTP scale group kept running at all times (billed while idle).')
@minValue(0)
param alwaysReadyHttpInstances int

@description('Concurrent HTTP invocations one instance takes before the platform adds another.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('Origins allowed to call the API from a browser, with credentials (the sign-in cookie).')
param corsAllowedOrigins string[]

@description('Address of the static site (the Static Web App), so that the pages the app answers to a browser without JavaScript are drawn in its frame and lead back to it; empty for plain pages.')
param siteUrl string = ''

@description('Client (application) ID of the Microsoft Entra app registration that signs people in; empty leaves App Service Authentication unconfigured.')
param authClientId string = ''

@description('Tenant of that app registration.')
param authTenantId string = tenant().tenantId

@description('Resource ID of the user-assigned identity used as the app registration\'s federated credential (no client secret); required with authClientId.')
param authIdentityId string = ''

@description('Client ID of that identity.')
param authIdentityClientId string = ''

@description('Keep signed-in people\'s provider tokens in the platform\'s token store (needed only for /.auth/refresh and the X-MS-TOKEN-* headers, which the app does not read).')
param authTokenStore bool = false

@description('Versioned Key Vault secret URI of the key the API Management gateway sends (X-Gateway-Key); empty when there is no gateway, and then every caller is treated alike.')
param gatewayKeySecretUri string = ''

@description('Versioned Key Vault secret URI of the second key the app accepts (the other key slot, for rotations); empty for none.')
param gatewayPreviousKeySecretUri string = ''

@description('Resource ID of the subnet for the app\'s outbound traffic (the private-network option); empty for none.')
param virtualNetworkSubnetId string = ''

@description('How a new package or settings reach running instances: Recreate (restart all, brief downtime) or RollingUpdate (drained in batches; in preview).')
@allowed(['Recreate', 'RollingUpdate'])
param siteUpdateStrategy string = 'Recreate'

@description('Predictions and chat calls per minute per client address that do not come through the gateway (the static site\'s route).')
@minValue(1)
param siteDirectPermitsPerMinute int = 30

@description('NCRONTAB (6 fields) of the WarmUp timer.')
param warmupSchedule string

@description('Comma list of diseases the WarmUp timer loads.')
param warmupPreload string

@description('URL the WarmUp timer GETs to keep the HTTP scale group warm; empty for none.')
param warmupPingUrl string

@description('Key Vault secret URI of the Gemini API key; empty when there is none.')
param geminiApiKeySecretUri string

@description('Gemini model name.')
param geminiModel string

@description('Google Cloud project for Vertex AI; empty to use the Gemini API with a key.')
param geminiProject string

@description('Vertex AI location, for example europe-west4.')
param geminiLocation string

@description('Path, inside the deployed app, of a Google service-account file for Vertex AI; empty uses Google application default credentials.')
param geminiCredentialsFile string

@description('Workload identity pool provider for Vertex AI by the app identity; empty for none.')
param geminiWorkloadIdentityProvider string = ''

@description('Audience the provider allows (the app asks Entra ID for a token for it).')
param geminiManagedIdentityAudience string = ''

@description('Service account the federated identity acts as; empty for none.')
param geminiServiceAccount string = ''

@description('Chat requests per minute allowed per client IP.')
@minValue(1)
param chatPermitsPerMinute int

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var authEnabled = !empty(authClientId)

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: union({ '${identityId}': {} }, authEnabled ? { '${authIdentityId}': {} } : {})
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientCertEnabled: false
    // Key Vault references resolve with this identity (there is no system-assigned one).
    keyVaultReferenceIdentity: identityId
    // The private-network option: outbound traffic (storage, Key Vault) through the network's private endpoints.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
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
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      // Sent only when asked for (null otherwise, the platform's Recreate): the RP takes it (learn.microsoft.com
      // azure-functions/flex-consumption-site-updates), but this Bicep CLI's types for Microsoft.Web/sites lack it.
      #disable-next-line BCP037
      siteUpdateStrategy: siteUpdateStrategy == 'RollingUpdate' ? { type: 'RollingUpdate' } : null
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: {
        allowedOrigins: corsAllowedOrigins
        // The site sends the sign-in cookie; credentials are allowed for the listed origins only (never '*').
        supportCredentials: !empty(corsAllowedOrigins)
      }
      appSettings: [
        // Host storage by identity: the host reads these instead of a connection string. No queue: no
        // function uses a queue trigger or binding, and the timer's leases are blobs.
        { name: 'AzureWebJobsStorage__blobServiceUri', value: hostStorage.properties.primaryEndpoints.blob }
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
        { name: 'ModelStorage__Container', value: modelsContainerName }
        // People's data (profiles, saved predictions): tables in an account of its own, by identity.
        { name: 'PeopleStorage__serviceUri', value: peopleStorageTableEndpoint }
        { name: 'PeopleStorage__credential', value: 'managedidentity' }
        { name: 'PeopleStorage__clientId', value: identityClientId }
        { name: 'WarmUpSchedule', value: warmupSchedule }
        { name: 'WarmUp__Preload', value: warmupPreload }
        { name: 'WarmUp__PingUrl', value: warmupPingUrl }
        {
          name: 'Gemini__ApiKey'
          value: empty(geminiApiKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${geminiApiKeySecretUri})'
        }
        { name: 'Gemini__Model', value: geminiModel }
        { name: 'Gemini__Project', value: geminiProject }
        { name: 'Gemini__Location', value: geminiLocation }
        { name: 'Gemini__CredentialsFile', value: geminiCredentialsFile }
        // Vertex AI by this identity, exchanged for a Google token (no Google secret); empty without a provider.
        { name: 'Gemini__WorkloadIdentityProvider', value: geminiWorkloadIdentityProvider }
        { name: 'Gemini__ManagedIdentityAudience', value: geminiManagedIdentityAudience }
        { name: 'Gemini__ManagedIdentityClientId', value: empty(geminiWorkloadIdentityProvider) ? '' : identityClientId }
        { name: 'Gemini__ServiceAccount', value: geminiServiceAccount }
        { name: 'Chat__RateLimit__PermitsPerMinute', value: string(chatPermitsPerMinute) }
        { name: 'Site__Url', value: siteUrl }
        // The pages that may change a signed-in person's data (besides the API's own and Site__Url's): the origins CORS
        // allows with credentials, so that a custom domain's site (CORS_ALLOWED_ORIGINS) can save too (docs/accounts.md).
        { name: 'SignedInWrites__AllowedOrigins', value: join(corsAllowedOrigins, ',') }
        // Calls for the paid API are accepted from the gateway (these keys) or, one person's worth, from the site.
        // Required: a key that does not resolve then refuses paid calls (503) instead of letting them through.
        { name: 'Gateway__Required', value: string(!empty(gatewayKeySecretUri)) }
        {
          name: 'Gateway__Key'
          value: empty(gatewayKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${gatewayKeySecretUri})'
        }
        {
          name: 'Gateway__PreviousKey'
          value: empty(gatewayPreviousKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${gatewayPreviousKeySecretUri})'
        }
        { name: 'Gateway__SitePermitsPerMinute', value: string(siteDirectPermitsPerMinute) }
        // Sign-in without a client secret: authsettingsV2 names this setting as its "secret", which the
        // platform reads as "use this managed identity's token as the client assertion". Empty without sign-in.
        { name: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID', value: authEnabled ? authIdentityClientId : '' }
        { name: 'WEBSITE_AUTH_AAD_ALLOWED_TENANTS', value: authEnabled ? authTenantId : '' }
      ]
    }
  }
}

// App Service Authentication with Microsoft Entra ID. Anonymous requests still reach the functions
// (predictions stay open); a signed-in person's identity arrives in the X-MS-CLIENT-PRINCIPAL headers,
// which the platform strips from what a client sends.
resource authConfig 'Microsoft.Web/sites/config@2024-11-01' = if (authEnabled) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
          clientId: authClientId
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
          // Only this registration's own tokens make a person: a token another application (any service
          // principal in the tenant) obtained for this audience is refused.
          defaultAuthorizationPolicy: {
            allowedApplications: [authClientId]
          }
        }
      }
    }
    login: {
      tokenStore: {
        enabled: authTokenStore
      }
      // After sign-in the platform may send the browser back to the site, and nowhere else.
      allowedExternalRedirectUrls: corsAllowedOrigins
    }
  }
}

// The functions' own logs (host and worker) in Log Analytics, beside the telemetry.
resource appLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsWorkspaceId)) {
  name: 'function-logs-to-log-analytics'
  scope: functionApp
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
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
