namespace BrandFlow.Awards.Services;

/// <summary>Settings of the award service.</summary>
public sealed class AwardsServiceOptions
{
    /// <summary>Name of the working-day calendar in the document store.</summary>
    public const string CalendarDocument = "calendar/china-working-days.yaml";

    /// <summary>Purpose of sign-in links.</summary>
    public const string SignInPurpose = "sign-in";

    /// <summary>Purpose of review decision links.</summary>
    public const string ReviewDecisionPurpose = "review-decision";

    /// <summary>Base URL links in emails start with (e.g. https://brandflow.example.gov.cn).</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");

    /// <summary>How long a sign-in link works.</summary>
    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an evidence read URL works.</summary>
    public TimeSpan EvidenceReadLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The calendar file seeded into the document store when it holds none (policies/calendar/china-working-days.yaml).</summary>
    public string? CalendarSeedPath { get; set; }

    /// <summary>An absolute URL under the public base.</summary>
    public Uri Link(string pathAndQuery) => new(this.PublicBaseUrl, pathAndQuery);
}
