namespace BrandFlow.Policy.Tables;
