namespace BrandFlow.Integration.Tests;
