// A Key Vault in RBAC mode (no access policies) holding the Gemini API key. The secret is created
// only when a value is passed in; otherwise it is set after deployment with `az keyvault secret set`.

@description('Name of the vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object = {}

@description('Name of the secret that holds the Gemini API key.')
param secretName string

@secure()
@description('The Gemini API key; empty creates no secret.')
param secretValue string

@description('Purge protection: a deleted vault or secret cannot be purged before its retention ends (7 days). It cannot be turned off again once on; azd down --purge then leaves the vault for those days.')
param enablePurgeProtection bool = false

@description('Resource ID of the Log Analytics workspace that receives the vault\'s AuditEvent log (every read and change of a secret); empty sends none.')
param logAnalyticsWorkspaceId string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // The API accepts true or leaves the property out; false is refused once it has been true.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(secretValue)) {
  parent: vault
  name: secretName
  properties: {
    value: secretValue
    contentType: 'text/plain'
  }
}

// Who read or changed which secret, and when: the audit trail for the Gemini and gateway keys.
resource auditLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsWorkspaceId)) {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output resourceId string = vault.id
output vaultUri string = vault.properties.vaultUri
// Versionless: a Key Vault reference to it follows the latest version of the secret.
output secretUri string = '${vault.properties.vaultUri}secrets/${secretName}'
