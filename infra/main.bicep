// BrandFlow on Azure: the isolated-worker Function App (functions/BrandFlow.Functions: the award workflow on the Durable
// extension, the JSON API, maintenance timers) on one storage account (policy and award tables, evidence blobs, the
// task hub). Secrets come from Key Vault references, never from app settings. Not yet here (see README.md): the web app
// for the pages, identity-based storage access, Key Vault itself, azd.
targetScope = 'resourceGroup'

@description('Short name used to derive resource names.')
@minLength(3)
@maxLength(11)
param name string = 'brandflow'

@description('Azure region.')
param location string = resourceGroup().location

@description('Key Vault secret URI of the SendGrid API key.')
param sendGridKeySecretUri string = ''

@description('Key Vault secret URI of the signing key of email links (base64, at least 32 bytes).')
param linkSigningKeySecretUri string = ''

@description('Public base URL of the site (links in emails start with it); defaults to the Function App host name.')
param publicBaseUrl string = ''

var suffix = uniqueString(resourceGroup().id)

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: toLower('${name}${suffix}')
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  sku: { name: 'Y1', tier: 'Dynamic' }
  kind: 'functionapp'
  properties: { reserved: true }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web' }
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${storage.listKeys().keys[0].value}'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: ''
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'AzureWebJobsStorage', value: storageConnection }
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'BrandFlow__Storage', value: storageConnection }
        { name: 'BrandFlow__Mail__ApiKey', value: empty(sendGridKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${sendGridKeySecretUri})' }
        { name: 'BrandFlow__Links__SigningKey', value: empty(linkSigningKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${linkSigningKeySecretUri})' }
        { name: 'BrandFlow__PublicBaseUrl', value: empty(publicBaseUrl) ? 'https://${name}-${suffix}.azurewebsites.net' : publicBaseUrl }
        // The Durable task hub (prefix of its queues, tables and container; host.json reads it as %BrandFlow__TaskHub%)
        // and the connection the Durable extension uses (host.json: storageProvider.connectionName).
        { name: 'BrandFlow__TaskHub', value: 'brandflow' }
        { name: 'BrandFlowStorage', value: storageConnection }
      ]
    }
  }
}

output functionAppName string = app.name
output storageAccountName string = storage.name
