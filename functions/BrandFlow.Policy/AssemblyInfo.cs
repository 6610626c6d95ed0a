namespace BrandFlow.Policy;
