// Where alerts go: one e-mail receiver, with the common alert schema so every alert reads the same.

@description('Name of the action group.')
param name string

@description('Short name shown in e-mails (at most 12 characters).')
@maxLength(12)
param shortName string

@description('Tags applied to the action group.')
param tags object = {}

@description('E-mail address that receives the alerts.')
param email string

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: name
  location: 'global'
  tags: tags
  properties: {
    groupShortName: shortName
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: email
        useCommonAlertSchema: true
      }
    ]
  }
}

output resourceId string = actionGroup.id
