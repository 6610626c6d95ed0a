namespace BrandFlow.Durable;
