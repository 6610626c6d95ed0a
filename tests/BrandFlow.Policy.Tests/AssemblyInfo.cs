namespace BrandFlow.Policy.Tests;
