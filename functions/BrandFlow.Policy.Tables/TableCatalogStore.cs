using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BrandFlow.Policy.Catalog;
using BrandFlow.Policy.Loading;

namespace BrandFlow.Policy.Tables;

/// <summary>What one load changed.</summary>
public sealed record CatalogLoadReport(int Documents, int Clauses, int NewVersions, int Unchanged, IReadOnlyList<string> ChangedClauses);

/// <summary>A stored version of one clause.</summary>
public sealed record StoredClauseVersion(string ClauseId, int Version, string Hash, bool Current, DateTimeOffset LoadedAtUtc, ClauseDto Source);

/// <summary>
/// The policy catalog in Azure Table Storage. Layout (one table):
/// PK "meta" (vocabulary, jurisdictions), PK "document" (one row per document, without clauses),
/// PK "clause|{id}" (one row per version "v0001".., plus a "current" row listing the versions in force).
/// A clause's new versions and its "current" row are written in one batch, so a crash leaves either the old or
/// the new version current, never a mix. Old versions are never modified.
/// </summary>
public sealed class TableCatalogStore(TableClient table, TimeProvider clock)
{
    private const string CurrentRow = "current";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the table if needed.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Validates and writes the catalog; re-running with unchanged files changes nothing.</summary>
    public async Task<CatalogLoadReport> LoadAsync(CatalogSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var catalog = CatalogLoader.Build(source); // throws before anything is written when the files are invalid
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await UpsertAsync("meta", "vocabulary", Serialize(source.Vocabulary), cancellationToken).ConfigureAwait(false);
        await UpsertAsync("meta", "jurisdictions", Serialize(source.Jurisdictions), cancellationToken).ConfigureAwait(false);

        var stored = await ReadClausePartitionsAsync(cancellationToken).ConfigureAwait(false);
        int newVersions = 0, unchanged = 0;
        var changed = new List<string>();
        foreach (var (path, dto) in source.Documents)
        {
            var document = catalog.Document(dto.Id!);
            foreach (var group in dto.Clauses.Select((c, i) => (Dto: c, Hash: document.Clauses[i].ContentHash)).GroupBy(x => x.Dto.Id!))
            {
                var versions = stored.TryGetValue(Partition(group.Key), out var rows) ? ToVersions(group.Key, rows) : [];
                var written = await WriteClauseAsync(group.Key, versions, group.Select(x => (x.Dto, x.Hash)).ToList(), cancellationToken).ConfigureAwait(false);
                newVersions += written;
                unchanged += written == 0 ? 1 : 0;
                if (written > 0)
                {
                    changed.Add(group.Key);
                }
            }

            var header = new DocumentRow(path, dto.Clauses.Select(c => c.Id!).Distinct().ToList(), WithoutClauses(dto));
            await UpsertAsync("document", dto.Id!, Serialize(header), cancellationToken).ConfigureAwait(false);
        }

        return new CatalogLoadReport(source.Documents.Count, catalog.Clauses.Count(), newVersions, unchanged, changed);
    }

    /// <summary>Reads the current catalog, each clause carrying its stored version number.</summary>
    public async Task<PolicyCatalog> ReadCatalogAsync(CancellationToken cancellationToken = default)
    {
        var vocabulary = Deserialize<VocabularyDto>(await GetJsonAsync("meta", "vocabulary", cancellationToken).ConfigureAwait(false));
        var jurisdictions = Deserialize<JurisdictionsDto>(await GetJsonAsync("meta", "jurisdictions", cancellationToken).ConfigureAwait(false));
        var documents = new List<(string, DocumentDto)>();
        var partitions = await ReadClausePartitionsAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "document", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var header = Deserialize<DocumentRow>(row.GetString("Json"));
            var dto = header.Document;
            foreach (var id in header.ClauseIds)
            {
                var versions = partitions.TryGetValue(Partition(id), out var rows) ? ToVersions(id, rows) : [];
                foreach (var version in versions.Where(v => v.Current))
                {
                    version.Source.StoredVersion = version.Version;
                    dto.Clauses.Add(version.Source);
                }
            }

            documents.Add((header.Path, dto));
        }

        return CatalogLoader.Build(new CatalogSource(vocabulary, jurisdictions, documents.OrderBy(d => d.Item1, StringComparer.Ordinal).ToList()));
    }

    /// <summary>Every stored version of a clause, oldest first; empty when the clause is unknown.</summary>
    public async Task<IReadOnlyList<StoredClauseVersion>> GetVersionsAsync(string clauseId, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(clauseId), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return ToVersions(clauseId, rows);
    }

    private static List<StoredClauseVersion> ToVersions(string clauseId, List<TableEntity> rows)
    {
        var current = rows.FirstOrDefault(r => r.RowKey == CurrentRow) is { } c ? Deserialize<List<int>>(c.GetString("Json")) : [];
        return rows.Where(r => r.RowKey != CurrentRow)
            .Select(r => new StoredClauseVersion(clauseId, r.GetInt32("Version") ?? 0, r.GetString("Hash"), current.Contains(r.GetInt32("Version") ?? 0),
                r.GetDateTimeOffset("LoadedAtUtc") ?? default, Deserialize<ClauseDto>(r.GetString("Json"))))
            .OrderBy(v => v.Version).ToList();
    }

    /// <summary>All clause rows in one scan, grouped by partition: the catalog is small, and one query beats one per clause.</summary>
    private async Task<Dictionary<string, List<TableEntity>>> ReadClausePartitionsAsync(CancellationToken cancellationToken)
    {
        var partitions = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {"clause|"} and PartitionKey lt {"clause}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!partitions.TryGetValue(row.PartitionKey, out var rows))
            {
                partitions[row.PartitionKey] = rows = [];
            }

            rows.Add(row);
        }

        return partitions;
    }

    private async Task<int> WriteClauseAsync(string clauseId, List<StoredClauseVersion> stored, List<(ClauseDto Dto, string Hash)> entries, CancellationToken cancellationToken)
    {
        var next = stored.Count == 0 ? 1 : stored.Max(v => v.Version) + 1;
        var actions = new List<TableTransactionAction>();
        var currentVersions = new List<int>();
        foreach (var (dto, hash) in entries)
        {
            if (stored.FirstOrDefault(v => v.Hash == hash) is { } existing)
            {
                currentVersions.Add(existing.Version);
                continue;
            }

            var version = next++;
            currentVersions.Add(version);
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition(clauseId), $"v{version:D4}")
            {
                ["Version"] = version,
                ["Hash"] = hash,
                ["LoadedAtUtc"] = clock.GetUtcNow(),
                ["Json"] = Serialize(dto),
            }));
        }

        var wasCurrent = stored.Where(v => v.Current).Select(v => v.Version).Order().ToList();
        if (actions.Count == 0 && wasCurrent.SequenceEqual(currentVersions.Order()))
        {
            return 0;
        }

        actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(Partition(clauseId), CurrentRow) { ["Json"] = Serialize(currentVersions) }));
        await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        return Math.Max(1, actions.Count - 1);
    }

    private async Task UpsertAsync(string partition, string row, string json, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(new TableEntity(partition, row) { ["Json"] = json }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    private async Task<string> GetJsonAsync(string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            var entity = await table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            return entity.Value.GetString("Json");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new InvalidOperationException("The policy catalog has not been loaded into Table Storage; run `load-policies` first.", ex);
        }
    }

    private static string Partition(string clauseId) => "clause|" + clauseId;

    private static DocumentDto WithoutClauses(DocumentDto dto)
    {
        var copy = Deserialize<DocumentDto>(Serialize(dto));
        copy.Clauses = [];
        return copy;
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidDataException("empty catalog row");

    private sealed record DocumentRow(string Path, List<string> ClauseIds, DocumentDto Document);
}
