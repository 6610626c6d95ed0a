// BrandFlow on Azure, provisioned and deployed by `azd up` (azure.yaml at the repository root):
// - Function App on Flex Consumption (functions/BrandFlow.Functions): the award workflow on the Durable extension
//   (DurableTask.AzureStorage), the JSON API, maintenance timers;
// - web app on App Service (functions/BrandFlow.Web): every page, static file and emailed link, and the same JSON API,
//   as a durable client of the same task hub (it starts and signals orchestrations, never runs them);
// - one storage account with shared-key access off: the task hub, policy and award tables, evidence blobs, the
//   data-protection key ring; both apps reach it with one user-assigned managed identity (RBAC, no keys);
// - Key Vault holding the SendGrid key, the link-signing key and the key that encrypts the data-protection key ring,
//   read by the apps through Key Vault references;
// - Application Insights (workspace-based), fed by the apps' OpenTelemetry exporters.
// infra/README.md has the picture, the table of settings and what was and was not run.
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: resource names derive from it and it tags every resource (azd-env-name).')
param environmentName string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@secure()
@description('SendGrid API key (stored in Key Vault; the apps read it through a Key Vault reference).')
param sendGridApiKey string

@secure()
@description('Signing key of emailed links: base64 of at least 32 random bytes (infra/hooks/preprovision.sh makes one).')
param linkSigningKey string

@secure()
@description('Key that encrypts the data-protection key ring at rest: base64 of 32 random bytes (made by the same hook).')
param dataProtectionKey string

@description('Sender address of BrandFlow mail; it must be a verified sender of the SendGrid account.')
param mailFrom string

@description('Object id of the person running azd (azd passes AZURE_PRINCIPAL_ID): gets the storage data roles so that the postprovision hook can load the policy catalog. Empty skips it.')
param principalId string = ''

@description('Kind of that principal.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }

// The task hub both apps share. Its partition count is fixed when the hub is first created, and every process on the
// hub must use the same count: functions/BrandFlow.Functions/host.json says 4 and the web app is told the same
// (tests/BrandFlow.Integration.Tests/Hosting/InfraTests.cs checks the two agree).
var taskHub = 'brandflow'
var partitionCount = 4
var deploymentContainer = 'app-package-functions'

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var storageRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner: Functions host, evidence, user-delegation keys
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor: the task hub's control and work-item queues
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor: task hub history, policy and award tables
]
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${token}'
  location: location
  tags: tags
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${token}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${token}'
  location: location
  tags: tags
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

// Browsers upload and read evidence straight from Blob Storage with a user-delegation SAS the web app hands out, so
// the blob service allows the web app's origin (and only it).
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    cors: {
      corsRules: [
        {
          allowedOrigins: ['https://${web.properties.defaultHostName}']
          allowedMethods: ['GET', 'HEAD', 'PUT', 'OPTIONS']
          allowedHeaders: ['content-type', 'x-ms-blob-type', 'x-ms-blob-content-type', 'x-ms-version', 'x-ms-date', 'x-ms-client-request-id']
          exposedHeaders: ['etag', 'x-ms-request-id', 'x-ms-error-code']
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
}

resource storageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    scope: storage
    name: guid(storage.id, identity.id, role)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource deployerStorageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: if (!empty(principalId)) {
    scope: storage
    name: guid(storage.id, principalId, role)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: principalId
      principalType: principalType
    }
  }
]

resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, identity.id, monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${token}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: { value: sendGridApiKey }
}

resource signingSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'link-signing-key'
  properties: { value: linkSigningKey }
}

resource dataProtectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'data-protection-key'
  properties: { value: dataProtectionKey }
}

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Settings both apps read, one name each (InfraTests checks that the apps read every one and that nothing they
// require is missing). The storage connection is identity-based: the same names serve the Durable extension
// (host.json: connectionName BrandFlowStorage) and BrandFlow's own table, blob and queue clients.
var sharedSettings = [
  { name: 'BrandFlowStorage__accountName', value: storage.name }
  { name: 'BrandFlowStorage__credential', value: 'managedidentity' }
  { name: 'BrandFlowStorage__clientId', value: identity.properties.clientId }
  { name: 'BrandFlow__TaskHub', value: taskHub }
  { name: 'BrandFlow__PublicBaseUrl', value: 'https://${web.properties.defaultHostName}' }
  { name: 'BrandFlow__Links__SigningKey', value: '@Microsoft.KeyVault(SecretUri=${signingSecret.properties.secretUri})' }
  { name: 'BrandFlow__Mail__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${sendGridSecret.properties.secretUri})' }
  { name: 'BrandFlow__Mail__From', value: mailFrom }
  { name: 'BrandFlow__DataProtection__KeyEncryptionKey', value: '@Microsoft.KeyVault(SecretUri=${dataProtectionSecret.properties.secretUri})' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
]

resource functionsPlan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-func-${token}'
  location: location
  tags: tags
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  kind: 'functionapp'
  properties: { reserved: true }
}

resource functions 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${token}'
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: functionsPlan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(sharedSettings, [
        // The Functions host's own storage (leases, timers' schedule monitor), through the same identity.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
      ])
    }
  }
  dependsOn: [storageAccess, vaultAccess, packages]
}

resource webPlan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-web-${token}'
  location: location
  tags: tags
  sku: { name: 'B1', tier: 'Basic' }
  kind: 'linux'
  properties: { reserved: true }
}

resource web 'Microsoft.Web/sites@2024-04-01' = {
  name: 'app-${token}'
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: webPlan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/health'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// The web app's settings are a resource of their own: they name the web app's own host name (links in mails), which
// the site cannot reference from inside its own definition.
resource webSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: web
  name: 'appsettings'
  properties: reduce(
    concat(sharedSettings, [
      { name: 'BrandFlow__Worker__PartitionCount', value: string(partitionCount) }
    ]),
    {},
    (all, setting) => union(all, { '${setting.name}': setting.value })
  )
  dependsOn: [storageAccess, vaultAccess]
}

output AZURE_LOCATION string = location
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output AZURE_KEY_VAULT_NAME string = vault.name
output BRANDFLOW_TASK_HUB string = taskHub
output BRANDFLOW_WEB_URL string = 'https://${web.properties.defaultHostName}'
output BRANDFLOW_FUNCTIONS_URL string = 'https://${functions.properties.defaultHostName}'
