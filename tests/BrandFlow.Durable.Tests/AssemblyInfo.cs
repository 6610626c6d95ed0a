namespace BrandFlow.Durable.Tests;
