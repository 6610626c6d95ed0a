using BrandFlow.Functions.Api;
using BrandFlow.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The same composition as every host (BrandFlow.Hosting) with the Azure requirements; here the Durable extension runs
// the orchestrations and each call's durable client comes from its binding.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddBrandFlow(HostRequirements.Azure);
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
builder.Services.AddSingleton<FunctionsApi>();
await builder.Build().RunAsync();
