using BrandFlow.App.Hosting;
using BrandFlow.Site;

// The local host: pages, API and the durable engine in one process on Azurite (scripts/start.sh). The command-line
// verbs are functions/BrandFlow.Cli.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = SiteComposition.WebRoot,
});
builder.AddBrandFlowLocal();
var app = builder.Build();
app.MapBrandFlowLocal();
await app.RunAsync();

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
