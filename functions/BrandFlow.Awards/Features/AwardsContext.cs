using System.Text.Json;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Catalog;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Features;

/// <summary>
/// What the use-case handlers share: the ports, the durable client, the catalog, links, clock, settings, logger,
/// estimator and calendar, plus the few helpers every feature uses (now, audit, visible application, existing cycle).
/// </summary>
public sealed class AwardsContext
{
    /// <summary>Creates the context over already-resolved dependencies (see <see cref="AwardsService"/> for the defaults).</summary>
    public AwardsContext(
        AwardsPorts ports,
        DurableTaskClient client,
        PolicyCatalog catalog,
        SignedLinks links,
        TimeProvider clock,
        AwardsServiceOptions options,
        ILogger logger,
        ApplicationEstimator estimator,
        StoredWorkingDayCalendar calendar)
    {
        this.Ports = ports ?? throw new ArgumentNullException(nameof(ports));
        this.Client = client ?? throw new ArgumentNullException(nameof(client));
        this.Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.Links = links ?? throw new ArgumentNullException(nameof(links));
        this.Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.Options = options ?? throw new ArgumentNullException(nameof(options));
        this.Logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.Estimator = estimator ?? throw new ArgumentNullException(nameof(estimator));
        this.Calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
    }

    /// <summary>The storage ports.</summary>
    public AwardsPorts Ports { get; }

    /// <summary>The durable client orchestrations are started and signalled with.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The catalog requests are validated against.</summary>
    public PolicyCatalog Catalog { get; }

    /// <summary>Signs and validates emailed links.</summary>
    public SignedLinks Links { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The service's settings.</summary>
    public AwardsServiceOptions Options { get; }

    /// <summary>The logger.</summary>
    public ILogger Logger { get; }

    /// <summary>The calculator's estimate, as the application orchestration computes it.</summary>
    public ApplicationEstimator Estimator { get; }

    /// <summary>The stored working-day calendar.</summary>
    public StoredWorkingDayCalendar Calendar { get; }

    /// <summary>The current instant.</summary>
    public DateTimeOffset Now => this.Clock.GetUtcNow();

    /// <summary>Today in China (CST).</summary>
    public DateOnly Today => ChinaTime.DateOf(this.Now);

    /// <summary>Appends an audit entry for a command (a fresh key: a command runs once per request).</summary>
    public Task AuditAsync(string subjectId, string action, UserAccount? actor, string? detail, CancellationToken cancellationToken) =>
        this.Ports.Audit.AppendAsync(
            new AuditEntry(subjectId, action, actor?.Email ?? "anonymous", this.Now, detail, $"{action}:{subjectId}:{Guid.NewGuid():N}"),
            cancellationToken);

    /// <summary>
    /// The application when it exists and the use case's rule lets the actor act on it (<see cref="AccessPolicy.AuthorizeApplication"/>);
    /// otherwise not found (ids of others do not leak) or forbidden.
    /// </summary>
    public async Task<ApplicationRecord> VisibleApplicationAsync(UseCase useCase, UserAccount actor, string applicationId, CancellationToken cancellationToken)
    {
        var record = string.IsNullOrWhiteSpace(applicationId) ? null : await this.Ports.Applications.GetAsync(applicationId, cancellationToken);
        return AccessPolicy.AuthorizeApplication(useCase, actor, record, applicationId);
    }

    /// <summary>The cycle, or not found.</summary>
    public async Task<CycleRecord> ExistingCycleAsync(string cycleId, CancellationToken cancellationToken) =>
        (string.IsNullOrWhiteSpace(cycleId) ? null : await this.Ports.Applications.GetCycleAsync(cycleId, cancellationToken))
        ?? throw AwardsErrors.NotFound("申报年度", "cycle", cycleId);

    /// <summary>The actor, authorized for the use case, and the registered firm its account is bound to.</summary>
    public async Task<(UserAccount Who, Firm Firm)> ApplicantFirmAsync(UseCase useCase, UserAccount? actor, CancellationToken cancellationToken)
    {
        var who = AccessPolicy.Authorize(useCase, actor);
        var firm = who.CreditCode is { Length: > 0 } code ? await this.Ports.Directory.GetFirmAsync(code, cancellationToken) : null;
        return (who, AccessPolicy.AuthorizeFirm(useCase, firm));
    }

    /// <summary>The codes of the firm's jurisdiction chain (its own and every one above it).</summary>
    public IReadOnlySet<string> Chain(Firm firm) => this.Catalog.Chain(firm.Jurisdiction).Select(j => j.Code).ToHashSet(StringComparer.Ordinal);

    /// <summary>The trimmed value, or an invalid-field refusal when it is empty.</summary>
    public static string Required(string? value, string field, string nameZh, string nameEn) =>
        string.IsNullOrWhiteSpace(value)
            ? throw AwardsErrors.Invalid(field, $"{nameZh}不能为空", $"{nameEn} is required")
            : value.Trim();

    /// <summary>The email address in lower case, or an invalid-field refusal.</summary>
    public static string NormaliseEmail(string? email, string field = "email")
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

    /// <summary>The JSON of an audit detail.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>Splits a bilingual "中文 / English" message.</summary>
    public static FieldError Localised(string field, string message)
    {
        var parts = message.Split(" / ", 2);
        return new FieldError(field, parts[0], parts.Length > 1 ? parts[1] : parts[0]);
    }

    /// <summary>The refusal of a link that failed validation.</summary>
    public static AwardsException LinkRefusal(LinkFailure failure) => failure switch
    {
        LinkFailure.Expired => new AwardsException("link-expired", 410, "链接已过期", "The link has expired"),
        LinkFailure.WrongPurpose => new AwardsException("link-wrong-purpose", 400, "此链接不能用于该操作", "This link is not for this action"),
        _ => new AwardsException("link-invalid", 400, "链接无效或已被篡改", "The link is invalid or has been tampered with"),
    };
}
