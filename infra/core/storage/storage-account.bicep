// A StorageV2 account reachable only with Entra ID tokens: shared keys (and so SAS and connection
// strings) are refused, nothing is public and old TLS is rejected. With the private-network option its
// public endpoint is closed (private endpoints only) or open to listed addresses only.

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the account.')
param location string

@description('Tags applied to the account.')
param tags object = {}

@description('Private blob containers to create.')
param containers string[] = []

@description('Days a deleted or overwritten blob, or a deleted container, can be restored.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int = 7

@description('Resource ID of a Log Analytics workspace that receives every blob write and delete (StorageWrite, StorageDelete; reads are not logged, they are the bulk of the volume); empty sends none.')
param blobAuditWorkspaceId string = ''

@description('Resource ID of a Log Analytics workspace that receives every table read, write and delete (StorageRead, StorageWrite, StorageDelete: who touched whose rows, for an account of personal data); empty sends none.')
param tableAuditWorkspaceId string = ''

@description('public: reachable from any network (still only with Entra ID tokens); private: private endpoints only; selected: private endpoints and the public addresses in allowedIpAddresses.')
@allowed(['public', 'private', 'selected'])
param networkAccess string = 'public'

@description('Public IPv4 addresses or CIDR ranges let through with networkAccess selected.')
param allowedIpAddresses string[] = []

@description('Name of a CanNotDelete lock on the account; empty for none. A lock also stops its resource group from being deleted (azd down).')
param deleteLockName string = ''

var ipRules = [for address in (networkAccess == 'selected' ? allowedIpAddresses : []): { value: address, action: 'Allow' }]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: networkAccess == 'private' ? 'Disabled' : 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: networkAccess == 'public'
      ? {
          bypass: 'AzureServices'
          defaultAction: 'Allow'
        }
      : {
          bypass: 'None'
          defaultAction: 'Deny'
          ipRules: ipRules
        }
  }
}

resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (!empty(deleteLockName)) {
  name: empty(deleteLockName) ? 'none' : deleteLockName
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds people\'s data. Export it, then remove this lock (PEOPLE_STORAGE_LOCK=false and azd down, see infra/README.md).'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containers: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

// Who changed or deleted which blob, and when: for the model store, who changed what the app serves.
resource blobAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(blobAuditWorkspaceId)) {
  name: 'blob-writes-to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: blobAuditWorkspaceId
    logs: [
      {
        category: 'StorageWrite'
        enabled: true
      }
      {
        category: 'StorageDelete'
        enabled: true
      }
    ]
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

// Who read, changed or deleted which rows, and when (the caller's identity and the operation; never the data).
resource tableAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(tableAuditWorkspaceId)) {
  name: 'table-access-to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: tableAuditWorkspaceId
    logs: [
      {
        category: 'StorageRead'
        enabled: true
      }
      {
        category: 'StorageWrite'
        enabled: true
      }
      {
        category: 'StorageDelete'
        enabled: true
      }
    ]
  }
}

output resourceId string = storage.id
output name string = storage.name
output primaryEndpoints object = storage.properties.primaryEndpoints
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
