// Azure Bot registration for VoiceLoop, authenticated as a user-assigned managed identity, with the
// Microsoft Teams channel enabled. Called from ../azure.bicep.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@maxLength(42)
param botDisplayName string

param botServiceName string = resourceBaseName

@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('Client id of the user-assigned managed identity: the bot\'s app id (BOT_ID)')
param identityClientId string

@description('Resource id of the user-assigned managed identity')
param identityResourceId string

@description('Tenant of the user-assigned managed identity (BOT_TENANT_ID)')
param identityTenantId string

@description('Host name of the App Service, without https://')
param botAppDomain string

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output botServiceName string = botService.name
