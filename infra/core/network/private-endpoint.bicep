// A private endpoint for one sub-resource (blob, table, vault...) of a service, with its DNS record in the
// matching private DNS zone, so that the service's usual host name resolves to the endpoint inside the network.

@description('Name of the private endpoint.')
param name string

@description('Azure region (that of the virtual network).')
param location string

@description('Tags applied to the endpoint.')
param tags object = {}

@description('Resource ID of the subnet the endpoint takes an address in.')
param subnetId string

@description('Resource ID of the service (a storage account, a key vault).')
param serviceId string

@description('The sub-resource: blob, table or vault.')
@allowed(['blob', 'table', 'vault'])
param groupId string

@description('Resource ID of the private DNS zone for that sub-resource.')
param privateDnsZoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: serviceId
          groupIds: [groupId]
        }
      }
    ]
  }
}

resource dnsGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}

output resourceId string = endpoint.id
