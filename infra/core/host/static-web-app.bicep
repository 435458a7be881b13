// A Free-tier Static Web App for site/: a plain client of the API whose origin the API's CORS allows.

@description('Name of the Static Web App.')
param name string

@description('Azure region of the Static Web App (a region that offers Static Web Apps).')
param location string

@description('Tags applied to the Static Web App.')
param tags object = {}

resource site 'Microsoft.Web/staticSites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostname}'
