// One secret in an existing vault. The value comes in as a secure parameter and never leaves: no
// output carries it, and deployment history does not record secure parameters.

@description('Name of the existing Key Vault.')
param vaultName string

@description('Name of the secret.')
param name string

@secure()
@description('Value of the secret (required: a secret without a value is not created by this module).')
param value string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: name
  properties: {
    value: value
    contentType: 'text/plain'
  }
}

output name string = secret.name
// Versionless: Key Vault references and API Management named values follow the latest version.
output secretUri string = '${vault.properties.vaultUri}secrets/${name}'
