// The key API Management sends to the app, in two Key Vault slots (like a storage account's key1 and key2):
// the app accepts both, the gateway sends one. A rotation writes a new value into the slot the gateway does
// not send, the app (whose settings name both slots by version) restarts and accepts it, and only then does
// the gateway move to it; so no paid call is refused on the way. A slot is written only when asked: on the
// first provision (both) and at the start of a rotation (the other one). Its value comes in as a secure
// parameter and never leaves this module; the outputs are versioned secret URIs, which carry no secret.

@description('Name of the existing Key Vault.')
param vaultName string

@description('Names of the two slots\' secrets, slot a then slot b.')
@minLength(2)
@maxLength(2)
param secretNames string[]

@description('Write slot a with valueA.')
param writeA bool

@description('Write slot b with valueB.')
param writeB bool

@secure()
@description('New value of slot a (used only with writeA).')
param valueA string = ''

@secure()
@description('New value of slot b (used only with writeB).')
param valueB string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource writtenA 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (writeA) {
  parent: vault
  name: secretNames[0]
  properties: {
    value: valueA
    contentType: 'text/plain'
  }
}

resource writtenB 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (writeB) {
  parent: vault
  name: secretNames[1]
  properties: {
    value: valueB
    contentType: 'text/plain'
  }
}

// A slot that is not written here already exists (written by an earlier provision): read its current version.
resource keptA 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = if (!writeA) {
  parent: vault
  name: secretNames[0]
}

resource keptB 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = if (!writeB) {
  parent: vault
  name: secretNames[1]
}

// Versioned: when a slot gets a new version the app setting that names it changes, which restarts the app and
// makes it read the new value at once (a versionless reference is re-read only within 24 hours).
output secretUriWithVersionA string = writeA ? writtenA!.properties.secretUriWithVersion : keptA!.properties.secretUriWithVersion
output secretUriWithVersionB string = writeB ? writtenB!.properties.secretUriWithVersion : keptB!.properties.secretUriWithVersion
// Versionless: what API Management's Key Vault named value follows.
output secretUriA string = '${vault.properties.vaultUri}secrets/${secretNames[0]}'
output secretUriB string = '${vault.properties.vaultUri}secrets/${secretNames[1]}'
