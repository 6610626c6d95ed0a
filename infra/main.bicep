// BrandFlow on Azure: one Function App running the ASP.NET Core app as a custom handler, on one storage account
// (policy tables, evidence blobs, workflow queues). Secrets come from Key Vault references, never from app settings.
targetScope = 'resourceGroup'

@description('Short name used to derive resource names.')
@minLength(3)
@maxLength(11)
param name string = 'brandflow'

@description('Azure region.')
param location string = resourceGroup().location

@description('SendGrid API key secret URI in Key Vault (used by the workflow issue; empty until then).')
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
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'BrandFlow__Storage', value: storageConnection }
        { name: 'BrandFlow__SendGridApiKey', value: empty(sendGridKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${sendGridKeySecretUri})' }
        { name: 'BrandFlow__Links__SigningKey', value: empty(linkSigningKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${linkSigningKeySecretUri})' }
        { name: 'BrandFlow__PublicBaseUrl', value: empty(publicBaseUrl) ? 'https://${name}-${suffix}.azurewebsites.net' : publicBaseUrl }
        // The Durable task hub (prefix of its queues, tables and container).
        { name: 'BrandFlow__TaskHub', value: 'brandflow' }
        // Client only: under the custom handler no process runs the workflow yet (the Durable Functions app is a later
        // issue; see README.md).
        { name: 'BrandFlow__Worker__Enabled', value: 'false' }
      ]
    }
  }
}

output functionAppName string = app.name
output storageAccountName string = storage.name
