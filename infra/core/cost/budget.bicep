// A monthly cost budget on the resource group it is deployed to, with e-mail at 80 % of the amount
// spent and at 100 % forecast. A budget warns; it does not stop anything (the caps do that).
targetScope = 'resourceGroup'

@description('Name of the budget.')
param name string

@description('Monthly amount, in the billing currency of the subscription.')
@minValue(1)
param amount int

@description('First day of the first month (yyyy-MM-01). It cannot be changed once the budget exists, so the same value must be passed on every deployment.')
param startDate string

@description('E-mail addresses notified; with none, the Owner and Contributor roles of the resource group are.')
param contactEmails string[] = []

@description('Resource IDs of action groups notified as well.')
param actionGroupIds string[] = []

var contacts = {
  enabled: true
  contactEmails: contactEmails
  contactGroups: actionGroupIds
  contactRoles: ['Owner', 'Contributor']
}

resource budget 'Microsoft.Consumption/budgets@2023-11-01' = {
  name: name
  properties: {
    category: 'Cost'
    amount: amount
    timeGrain: 'Monthly'
    timePeriod: {
      startDate: startDate
    }
    notifications: {
      actual80: union(contacts, {
        operator: 'GreaterThanOrEqualTo'
        threshold: 80
        thresholdType: 'Actual'
      })
      forecast100: union(contacts, {
        operator: 'GreaterThanOrEqualTo'
        threshold: 100
        thresholdType: 'Forecasted'
      })
    }
  }
}

output name string = budget.name
