// A Flex Consumption (FC1) plan on Linux: per-function scaling, scale to zero, always-ready optional.

@description('Name of the plan.')
param name string

@description('Azure region of the plan (must offer Flex Consumption).')
param location string

@description('Tags applied to the plan.')
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

output resourceId string = plan.id
output name string = plan.name
