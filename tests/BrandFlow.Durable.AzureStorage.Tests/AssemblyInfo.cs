namespace BrandFlow.Durable.AzureStorage.Tests;
