using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using Microsoft.DurableTask.Client;
using BrandFlow.Policy.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Awards.Services;

/// <summary>
/// The one application service behind the JSON API, the pages and the CLI: every command and query checks the actor's
/// role and ownership here, validates its input completely before writing anything, starts or signals orchestrations
/// only through the workflow contract, and appends an audit entry (who, when, what, why).
/// </summary>
public sealed partial class AwardsService
{
    private readonly AwardsPorts ports;
    private readonly DurableTaskClient client;
    private readonly PolicyCatalog catalog;
    private readonly SignedLinks links;
    private readonly TimeProvider clock;
    private readonly AwardsServiceOptions options;
    private readonly ILogger logger;
    private readonly ApplicationEstimator estimator;
    private readonly StoredWorkingDayCalendar calendar;

    /// <summary>
    /// Creates the service over its ports, the durable client and the catalog. Cheap: a host whose durable client comes
    /// per call (an Azure Functions binding) creates one per call, passing the process's calendar and estimator.
    /// </summary>
    public AwardsService(
        AwardsPorts ports,
        DurableTaskClient client,
        PolicyCatalog catalog,
        SignedLinks links,
        TimeProvider clock,
        AwardsServiceOptions? options = null,
        ILogger<AwardsService>? logger = null,
        StoredWorkingDayCalendar? calendar = null,
        ApplicationEstimator? estimator = null)
    {
        this.ports = ports ?? throw new ArgumentNullException(nameof(ports));
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.links = links ?? throw new ArgumentNullException(nameof(links));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.options = options ?? new AwardsServiceOptions();
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        this.estimator = estimator ?? new ApplicationEstimator(catalog);
        this.calendar = calendar ?? new StoredWorkingDayCalendar(ports.Documents, this.options);
    }

    /// <summary>The catalog the service validates against.</summary>
    public PolicyCatalog Catalog => this.catalog;

    /// <summary>The service's settings.</summary>
    public AwardsServiceOptions Options => this.options;

    private DateTimeOffset Now => this.clock.GetUtcNow();

    private DateOnly Today => ChinaTime.DateOf(this.Now);

    /// <summary>Appends an audit entry for a command (a fresh key: a command runs once per request).</summary>
    private Task AuditAsync(string subjectId, string action, UserAccount? actor, string? detail, CancellationToken cancellationToken) =>
        this.ports.Audit.AppendAsync(
            new AuditEntry(subjectId, action, actor?.Email ?? "anonymous", this.Now, detail, $"{action}:{subjectId}:{Guid.NewGuid():N}"),
            cancellationToken);

    /// <summary>The application when it exists and the actor may see it; otherwise not found (ids of others do not leak).</summary>
    private async Task<ApplicationRecord> VisibleApplicationAsync(UserAccount actor, string applicationId, CancellationToken cancellationToken)
    {
        var record = string.IsNullOrWhiteSpace(applicationId) ? null : await this.ports.Applications.GetAsync(applicationId, cancellationToken);
        if (record is null || !AccessRules.CanSee(actor, record))
        {
            throw AwardsErrors.NotFound("申报", "application", applicationId);
        }

        return record;
    }

    /// <summary>The cycle, or not found.</summary>
    private async Task<CycleRecord> ExistingCycleAsync(string cycleId, CancellationToken cancellationToken) =>
        (string.IsNullOrWhiteSpace(cycleId) ? null : await this.ports.Applications.GetCycleAsync(cycleId, cancellationToken))
        ?? throw AwardsErrors.NotFound("申报年度", "cycle", cycleId);

    private static string Required(string? value, string field, string nameZh, string nameEn) =>
        string.IsNullOrWhiteSpace(value)
            ? throw AwardsErrors.Invalid(field, $"{nameZh}不能为空", $"{nameEn} is required")
            : value.Trim();

    private static string NormaliseEmail(string? email, string field = "email")
    {
        var value = Required(email, field, "邮箱", "Email").ToLowerInvariant();
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || !value[(at + 1)..].Contains('.', StringComparison.Ordinal)
            || value.Any(char.IsWhiteSpace) || value.Length > 254)
        {
            throw AwardsErrors.Invalid(field, $"邮箱地址“{value}”格式不正确", $"'{value}' is not a valid email address");
        }

        return value;
    }
}
