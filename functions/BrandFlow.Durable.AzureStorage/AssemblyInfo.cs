namespace BrandFlow.Durable.AzureStorage;
