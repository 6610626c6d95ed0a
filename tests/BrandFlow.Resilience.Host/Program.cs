using System.Globalization;
using BrandFlow.App.Hosting;
using BrandFlow.Site;
using BrandFlow.Awards.Workflow;
using BrandFlow.Resilience.Host;

// `dotnet BrandFlow.Resilience.Host.dll [--urls ...]`: the local host; BRANDFLOW_TEST_NOTICE_SECONDS (default 8)
// is how long a public notice lasts.
var noticeSeconds = int.TryParse(Environment.GetEnvironmentVariable("BRANDFLOW_TEST_NOTICE_SECONDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : 8;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory, WebRootPath = SiteComposition.WebRoot });
builder.AddBrandFlowLocal();
builder.Services.AddSingleton<IWorkflowClock>(new ShortNoticeClock(TimeSpan.FromSeconds(noticeSeconds)));
var app = builder.Build();
app.MapBrandFlowLocal();
await app.RunAsync();
