// VoiceLoop on Azure: deployed by `arm/deploy` in m365agents.yml (Microsoft 365 Agents Toolkit).
// A user-assigned managed identity is the bot's identity (no client secret) and also the app's identity
// for Table and Queue storage, which accepts Microsoft Entra tokens only (shared keys are disabled).

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan SKU. Basic (B1) or above: the scheduler needs Always On, which Free (F1) lacks.')
param webAppSku string = 'B1'

@minValue(1)
@maxValue(30)
@description('App Service scale-out: instances of the same app (docs/capacity.md). Every instance serves Teams and sends 1:1 messages for the tenants whose sender lease it holds (docs/delivery.md, "Many councils"). B1 allows up to 3, S1 10, P1v3 30.')
param instanceCount int = 1

@maxLength(42)
param botDisplayName string

@secure()
@minLength(32)
@description('Key for the keyed hash that enforces one vote per person (VOTER_HASH_SECRET), at least 32 random characters')
param voterHashSecret string

@description('Entra object ids of VoiceLoop administrators (privacy erase, retention), comma-separated (VOICELOOP_ADMINS)')
param voiceloopAdmins string = ''

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

param location string = resourceGroup().location
param identityName string = resourceBaseName
param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName
param workspaceName string = '${resourceBaseName}-logs'
param appInsightsName string = '${resourceBaseName}-insights'
// 3 to 24 lowercase letters and digits, unique across Azure.
param storageAccountName string = 'st${uniqueString(resourceGroup().id, resourceBaseName)}'

var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
// Photos added to findings live in the private `findings-images` container (docs/findings.md).
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: workspaceName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource tableDataRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueDataRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobDataRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Linux App Service plan: `reserved: true` is what makes it Linux.
resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: serverfarmsName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    // No session affinity: any instance answers any request; sending is shared out by the tenant leases.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm start'
      alwaysOn: webAppSku != 'F1'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'BOT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BOT_TENANT_ID'
          value: identity.properties.tenantId
        }
        {
          name: 'BOT_TYPE'
          value: 'UserAssignedMSI'
        }
        {
          // Selects the user-assigned identity for storage tokens (@azure/identity reads it).
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'STORAGE_ACCOUNT_URL'
          value: 'https://${storage.name}.table.${environment().suffixes.storage}'
        }
        {
          name: 'STORAGE_QUEUE_URL'
          value: 'https://${storage.name}.queue.${environment().suffixes.storage}'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'VOTER_HASH_SECRET'
          value: voterHashSecret
        }
        {
          name: 'VOICELOOP_ADMINS'
          value: voiceloopAdmins
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
      ]
    }
  }
  dependsOn: [
    // Start the app only once it may read and write its tables and queues.
    tableDataRole
    queueDataRole
  ]
}

// Register the web service as a bot with the Bot Framework and connect it to Teams.
module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
    botAppDomain: webApp.properties.defaultHostName
  }
}

// Outputs are written to env/.env.{envName}. See https://aka.ms/teamsfx-actions/arm-deploy.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
