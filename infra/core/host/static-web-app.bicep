// A Free-tier Static Web App for the site: plain files, deployed by azd (azure.yaml service `web`, found by
// its azd-service-name tag) from the folder scripts/build-site.sh makes. A plain client of the API, whose
// origin the API's CORS and sign-in redirects allow.

@description('Name of the Static Web App.')
param name string

@description('Azure region of the Static Web App (a region that offers Static Web Apps).')
param location string

@description('Tags applied to the Static Web App (azd-service-name is added here).')
param tags object = {}

@description('The azd service this app hosts, as named in azure.yaml.')
param serviceName string = 'web'

resource site 'Microsoft.Web/staticSites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
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
