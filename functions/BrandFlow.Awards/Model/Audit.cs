namespace BrandFlow.Awards.Model;

/// <summary>One append-only audit record: every state change and every decision.</summary>
/// <param name="SubjectId">What changed: an application id, cycle id, account email ...</param>
/// <param name="Action">Stable action code (application.submitted, review.approved, cycle.opened, ...).</param>
/// <param name="Actor">Who: an email, or "system" for the workflow.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Detail">Free text or JSON with the why.</param>
/// <param name="Key">Idempotency key: appending the same key twice writes one record (activities run at least once).</param>
public sealed record AuditEntry(string SubjectId, string Action, string Actor, DateTimeOffset At, string? Detail, string Key);
