using System.Collections.Concurrent;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.Tests.Services;

/// <summary>Plain in-memory ports for the service tests (dictionaries; no storage semantics beyond what the service relies on).</summary>
internal sealed class FakePorts : IApplicationStore, IAuditLog, IAwardLedger, IDirectory, IDocumentStore, IEvidenceStore, IOneTimeTokenStore, IMailSender, IMailFailureLog
{
    public ConcurrentDictionary<string, ApplicationRecord> Applications { get; } = new();

    public ConcurrentDictionary<string, CycleRecord> Cycles { get; } = new();

    public ConcurrentQueue<AuditEntry> AuditEntries { get; } = new();

    public ConcurrentDictionary<string, UserAccount> Users { get; } = new();

    public ConcurrentDictionary<string, Firm> Firms { get; } = new();

    public ConcurrentDictionary<string, (string CreditCode, EvidenceFile File)> Files { get; } = new();

    public ConcurrentDictionary<string, string> UsedTokens { get; } = new();

    public ConcurrentQueue<OutgoingMail> Sent { get; } = new();

    public ConcurrentDictionary<string, PayoutInstruction> Instructions { get; } = new();

    public ConcurrentDictionary<string, byte[]> Documents { get; } = new();

    public List<Uri> ReadUrls { get; } = [];

    public BrandFlow.Awards.Services.AwardsPorts AsPorts() => new(this, this, this, this, this, this, this, this, this);

    Task IApplicationStore.SaveAsync(ApplicationRecord record, CancellationToken cancellationToken)
    {
        this.Applications[record.ApplicationId] = record;
        return Task.CompletedTask;
    }

    Task<ApplicationRecord?> IApplicationStore.GetAsync(string applicationId, CancellationToken cancellationToken) =>
        Task.FromResult(this.Applications.GetValueOrDefault(applicationId));

    Task<IReadOnlyList<ApplicationRecord>> IApplicationStore.ListByCycleAsync(string cycleId, ApplicationStatus? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApplicationRecord>>(this.Applications.Values.Where(a => a.CycleId == cycleId && (status is null || a.Status == status)).ToList());

    Task<IReadOnlyList<ApplicationRecord>> IApplicationStore.ListByFirmAsync(string creditCode, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApplicationRecord>>(this.Applications.Values.Where(a => a.Firm.CreditCode == creditCode).ToList());

    Task IApplicationStore.SaveCycleAsync(CycleRecord cycle, CancellationToken cancellationToken)
    {
        this.Cycles[cycle.Definition.CycleId] = cycle;
        return Task.CompletedTask;
    }

    Task<CycleRecord?> IApplicationStore.GetCycleAsync(string cycleId, CancellationToken cancellationToken) => Task.FromResult(this.Cycles.GetValueOrDefault(cycleId));

    Task<IReadOnlyList<CycleRecord>> IApplicationStore.ListCyclesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CycleRecord>>(this.Cycles.Values.ToList());

    Task IAuditLog.AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        this.AuditEntries.Enqueue(entry);
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<AuditEntry>> IAuditLog.ListAsync(string subjectId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(this.AuditEntries.Where(e => e.SubjectId == subjectId).ToList());

    Task<PayoutInstruction> IAwardLedger.IssueInstructionAsync(PayoutInstruction instruction, CancellationToken cancellationToken) =>
        Task.FromResult(this.Instructions.GetOrAdd(instruction.IdempotencyKey, instruction));

    Task<IReadOnlyList<PayoutInstruction>> IAwardLedger.ListBatchAsync(string batchId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PayoutInstruction>>(this.Instructions.Values.Where(i => i.BatchId == batchId).OrderBy(i => i.Reference, StringComparer.Ordinal).ToList());

    Task<bool> IAwardLedger.MarkPaidAsync(string reference, DateOnly paidOn, CancellationToken cancellationToken)
    {
        var found = this.Instructions.Values.FirstOrDefault(i => i.Reference == reference);
        if (found is null)
        {
            return Task.FromResult(false);
        }

        this.Instructions[found.IdempotencyKey] = found with { PaidOn = paidOn };
        return Task.FromResult(true);
    }

    Task<bool> IAwardLedger.AppendAsync(LedgerEntry entry, CancellationToken cancellationToken) => Task.FromResult(true);

    Task<IReadOnlyList<LedgerEntry>> IAwardLedger.ListByFirmAsync(string creditCode, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LedgerEntry>>([]);

    Task<UserAccount?> IDirectory.GetUserAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(this.Users.GetValueOrDefault(email.ToLowerInvariant()));

    Task IDirectory.UpsertUserAsync(UserAccount user, CancellationToken cancellationToken)
    {
        this.Users[user.Email] = user;
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<UserAccount>> IDirectory.ListStaffAsync(Role role, string? departmentId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UserAccount>>(this.Users.Values.Where(u => u.Has(role) && (departmentId is null || u.DepartmentId == departmentId)).ToList());

    Task<Firm?> IDirectory.GetFirmAsync(string creditCode, CancellationToken cancellationToken) => Task.FromResult(this.Firms.GetValueOrDefault(creditCode));

    Task IDirectory.UpsertFirmAsync(Firm firm, CancellationToken cancellationToken)
    {
        this.Firms[firm.CreditCode] = firm;
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<Firm>> IDirectory.ListFirmsAsync(string jurisdiction, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Firm>>(this.Firms.Values.Where(f => f.Jurisdiction == jurisdiction).ToList());

    Task IDocumentStore.SaveAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        this.Documents[name] = content.ToArray();
        return Task.CompletedTask;
    }

    Task<byte[]?> IDocumentStore.ReadAsync(string name, CancellationToken cancellationToken) => Task.FromResult(this.Documents.GetValueOrDefault(name));

    Task<UploadSlot> IEvidenceStore.CreateUploadSlotAsync(string creditCode, string evidenceType, string fileName, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        this.Files[id] = (creditCode, new EvidenceFile(id, evidenceType, fileName, "application/pdf", 1000, new string('a', 64)));
        return Task.FromResult(new UploadSlot(id, new Uri($"https://blob.example/{id}?sig=w"), DateTimeOffset.UtcNow.AddMinutes(10), 1024));
    }

    Task<EvidenceCheck> IEvidenceStore.InspectAsync(string creditCode, string fileId, CancellationToken cancellationToken) =>
        Task.FromResult(this.Files.TryGetValue(fileId, out var file) && file.CreditCode == creditCode
            ? new EvidenceCheck(file.File, null, null, null)
            : new EvidenceCheck(null, "not-found", "找不到该文件", "File not found"));

    Task IEvidenceStore.SealAsync(string applicationId, IReadOnlyList<EvidenceFile> files, CancellationToken cancellationToken) => Task.CompletedTask;

    Task<Uri> IEvidenceStore.CreateReadUrlAsync(string fileId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var url = new Uri($"https://blob.example/{fileId}?sig=r");
        this.ReadUrls.Add(url);
        return Task.FromResult(url);
    }

    Task<bool> IOneTimeTokenStore.TryConsumeAsync(string tokenId, string usedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(this.UsedTokens.TryAdd(tokenId, usedBy));

    Task IMailSender.SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        this.Sent.Enqueue(mail);
        return Task.CompletedTask;
    }

    Task IMailFailureLog.RecordAsync(MailFailure failure, CancellationToken cancellationToken) => Task.CompletedTask;

    Task<IReadOnlyList<MailFailure>> IMailFailureLog.ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<MailFailure>>([]);
}
