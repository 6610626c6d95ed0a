using System.Text.RegularExpressions;
using BrandFlow.Awards.Evidence;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>
/// Names and limits of the award storage. Every table and container name is derived from <see cref="Prefix"/>, so
/// the app and each test can isolate their data in one account.
/// </summary>
public sealed partial class AwardsStorageOptions
{
    /// <summary>Prefix of every table and container name: lower-case letters and digits, starting with a letter (may be empty).</summary>
    public string Prefix { get; set; } = "bf";

    /// <summary>How long an upload slot's write-only SAS stays valid.</summary>
    public TimeSpan UploadSlotLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest evidence file announced to the browser (the inspector's limit is what refuses).</summary>
    public long MaxEvidenceLength { get; set; } = EvidenceInspector.MaxLength;

    /// <summary>Accounts and firms (<see cref="Ports.IDirectory"/>).</summary>
    public string DirectoryTable => this.Table("Directory");

    /// <summary>Application and cycle read models with their index rows (<see cref="Ports.IApplicationStore"/>).</summary>
    public string ApplicationsTable => this.Table("Applications");

    /// <summary>Payment instructions, their batch index and reference index (<see cref="Ports.IAwardLedger"/>).</summary>
    public string PayoutsTable => this.Table("Payouts");

    /// <summary>The awards ledger rows per firm (<see cref="Ports.IAwardLedger"/>).</summary>
    public string LedgerTable => this.Table("Ledger");

    /// <summary>Claimed file hashes and identifiers (<see cref="Ports.IClaimRegistry"/>).</summary>
    public string ClaimsTable => this.Table("Claims");

    /// <summary>The append-only audit log (<see cref="Ports.IAuditLog"/>).</summary>
    public string AuditTable => this.Table("Audit");

    /// <summary>Used one-time tokens (<see cref="Ports.IOneTimeTokenStore"/>).</summary>
    public string TokensTable => this.Table("Tokens");

    /// <summary>Evidence file records: owner, type, name, inspection result, seal (<see cref="Ports.IEvidenceStore"/>).</summary>
    public string EvidenceTable => this.Table("Evidence");

    /// <summary>Container the browser uploads evidence into (write-only SAS per blob).</summary>
    public string StagingContainer => this.Container("evidence-staging");

    /// <summary>Container of sealed (submitted, immutable) evidence.</summary>
    public string SealedContainer => this.Container("evidence-sealed");

    /// <summary>Container of generated and editable documents (<see cref="Ports.IDocumentStore"/>).</summary>
    public string DocumentsContainer => this.Container("documents");

    /// <summary>Container of table payloads too large for a row.</summary>
    public string OverflowContainer => this.Container("overflow");

    /// <summary>Every table name.</summary>
    public IReadOnlyList<string> Tables =>
        [this.DirectoryTable, this.ApplicationsTable, this.PayoutsTable, this.LedgerTable, this.ClaimsTable, this.AuditTable, this.TokensTable, this.EvidenceTable];

    /// <summary>Every container name.</summary>
    public IReadOnlyList<string> Containers => [this.StagingContainer, this.SealedContainer, this.DocumentsContainer, this.OverflowContainer];

    /// <summary>Throws a bilingual <see cref="ArgumentException"/> when a setting is invalid.</summary>
    public void Validate()
    {
        if (this.Prefix is null || !PrefixPattern().IsMatch(this.Prefix))
        {
            throw new ArgumentException(
                $"存储名称前缀无效：“{this.Prefix}”（只能是小写字母和数字，以字母开头，最多 20 个字符） / Invalid storage prefix \"{this.Prefix}\" (lower-case letters and digits, starting with a letter, at most 20 characters).",
                nameof(this.Prefix));
        }

        if (this.UploadSlotLifetime <= TimeSpan.Zero || this.UploadSlotLifetime > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("上传时限须在 0 到 1 小时之间 / The upload slot lifetime must be between 0 and 1 hour.", nameof(this.UploadSlotLifetime));
        }

        if (this.MaxEvidenceLength <= 0)
        {
            throw new ArgumentException("文件大小上限须为正数 / The evidence size limit must be positive.", nameof(this.MaxEvidenceLength));
        }
    }

    [GeneratedRegex("^([a-z][a-z0-9]{0,19})?$")]
    private static partial Regex PrefixPattern();

    private string Table(string name) => this.Prefix + name;

    private string Container(string name) => this.Prefix.Length == 0 ? name : $"{this.Prefix}-{name}";
}
