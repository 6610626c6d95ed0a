using BrandFlow.Pages.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BrandFlow.Pages.Tests.Journey;

/// <summary>
/// The real app on Kestrel against Azurite with the local SendGrid endpoint, without a browser, on a clock the test
/// can move forward (activities, durable timers and the service's "today" all read it), so a public notice of working
/// days ends in seconds. Durable timers re-check at most every two seconds, so they follow a moved clock.
/// </summary>
public sealed class JourneyApp : BrowserApp
{
    /// <summary>Durable timers of the app re-check every two seconds (read when the app starts).</summary>
    public JourneyApp() => Environment.SetEnvironmentVariable("BrandFlow__Worker__MaxTimerDelaySeconds", "2");

    /// <summary>The app's clock.</summary>
    public MovableClock Clock { get; } = new();

    /// <inheritdoc/>
    protected override bool LaunchesBrowser => false;

    /// <inheritdoc/>
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
    }
}

/// <summary>Real time plus an offset the test moves forward.</summary>
public sealed class MovableClock : TimeProvider
{
    private long offsetTicks;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
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
