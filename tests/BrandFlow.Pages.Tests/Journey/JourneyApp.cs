using BrandFlow.Awards.Workflow;
using BrandFlow.Pages.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BrandFlow.Pages.Tests.Journey;

/// <summary>
/// The real app on Kestrel against Azurite with the local SendGrid endpoint, without a browser. Durable timers run on
/// real time, so the workflow clock is replaced: a public notice of working days falls due seconds after it opens.
/// </summary>
public sealed class JourneyApp : BrowserApp
{
    /// <summary>How long the public notice lasts in this app (long enough for the test to see it open).</summary>
    public static readonly TimeSpan NoticeLasts = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    protected override bool LaunchesBrowser => false;

    /// <inheritdoc/>
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IWorkflowClock>(new ShortNoticeClock(TimeProvider.System, NoticeLasts));
    }
}

/// <summary>The real workflow clock, except that a public notice ends a fixed time after the workflow opens it.</summary>
public sealed class ShortNoticeClock(TimeProvider time, TimeSpan noticeLasts) : IWorkflowClock
{
    private readonly ChinaWorkflowClock china = new(time);

    /// <inheritdoc/>
    public DateOnly Today() => china.Today();

    /// <inheritdoc/>
    public DateTime DueUtc(DeadlineKind kind, DateOnly date) =>
        kind == DeadlineKind.NoticeEnds ? time.GetUtcNow().UtcDateTime + noticeLasts : china.DueUtc(kind, date);
}

/// <summary>
/// The journey test runs alone (its app is configured through process environment variables, as the browser tests'
/// is, so the two apps must not start at the same time).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JourneyCollection : ICollectionFixture<JourneyApp>
{
    /// <summary>Collection name.</summary>
    public const string Name = "journey";
}
