using BrandFlow.Functions.Api;
using BrandFlow.Hosting;
using BrandFlow.Hosting.Access;
using BrandFlow.Hosting.Awards;
using BrandFlow.Hosting.Mail;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The same composition as the local host (BrandFlow.Hosting), minus its development-only parts and the local engine:
// here the Durable extension runs the orchestrations and each call's durable client comes from its binding.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
await builder.AddBrandFlowCoreAsync();
builder.AddBrandFlowMailSender();
builder.AddBrandFlowAwards(localEngine: false);
builder.Services.AddSingleton<FunctionsApi>();
await builder.Build().RunAsync();
