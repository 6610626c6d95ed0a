using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BrandFlow.Policy.Catalog;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace BrandFlow.Policy.Loading;

/// <summary>One problem found in the catalog files, naming the file and clause.</summary>
public sealed record CatalogError(string File, string? ClauseId, string Message)
{
    /// <summary>Renders "file [clause]: message".</summary>
    public override string ToString() => ClauseId is null ? $"{File}: {Message}" : $"{File} [{ClauseId}]: {Message}";
}

/// <summary>Thrown when the catalog files are malformed or inconsistent.</summary>
public sealed class CatalogValidationException(IReadOnlyList<CatalogError> errors)
    : Exception("Policy catalog is invalid:\n" + string.Join('\n', errors))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<CatalogError> Errors { get; } = errors;
}

/// <summary>The reviewed source of a catalog: the parsed files, before validation and mapping.</summary>
public sealed record CatalogSource(VocabularyDto Vocabulary, JurisdictionsDto Jurisdictions, IReadOnlyList<(string Path, DocumentDto Document)> Documents);

/// <summary>Reads the reviewed catalog files (policies/) into a validated <see cref="PolicyCatalog"/>.</summary>
public static class CatalogLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Loads vocabulary.yaml, jurisdictions.yaml and documents/*.yaml from a folder; throws with every error found.</summary>
    public static PolicyCatalog LoadDirectory(string root) => Load(ReadDirectory(root));

    private static Dictionary<string, string> ReadDirectory(string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in new[] { "vocabulary.yaml", "jurisdictions.yaml" })
        {
            files[path] = File.ReadAllText(Path.Combine(root, path));
        }

        foreach (var path in Directory.GetFiles(Path.Combine(root, "documents"), "*.yaml").Order(StringComparer.Ordinal))
        {
            files["documents/" + Path.GetFileName(path)] = File.ReadAllText(path);
        }

        return files;
    }

    /// <summary>Loads a catalog from in-memory file contents keyed by relative path.</summary>
    public static PolicyCatalog Load(IReadOnlyDictionary<string, string> files) => Build(Parse(files));

    /// <summary>Parses the files into their reviewed source form without building the catalog; throws on malformed YAML.</summary>
    public static CatalogSource Parse(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<CatalogError>();
        var vocabulary = Parse<VocabularyDto>(files, "vocabulary.yaml", errors);
        var jurisdictions = Parse<JurisdictionsDto>(files, "jurisdictions.yaml", errors);
        var documents = new List<(string Path, DocumentDto Document)>();
        foreach (var path in files.Keys.Where(k => k.StartsWith("documents/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (Parse<DocumentDto>(files, path, errors) is { } dto)
            {
                documents.Add((path, dto));
            }
        }

        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }

        return new CatalogSource(vocabulary!, jurisdictions!, documents);
    }

    /// <summary>Validates the source and builds the catalog; throws with every error found.</summary>
    public static PolicyCatalog Build(CatalogSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var errors = new List<CatalogError>();
        var vocabulary = MapVocabulary(source.Vocabulary, errors);
        var (jurisdictions, treasuries) = MapJurisdictions(source.Jurisdictions, errors);
        var documents = new List<PolicyDocument>();
        var paths = new Dictionary<PolicyDocument, string>(ReferenceEqualityComparer.Instance);
        foreach (var (path, dto) in source.Documents)
        {
            var mapper = new DocumentMapper(path, vocabulary, jurisdictions, treasuries, errors);
            if (mapper.Map(dto) is { } document)
            {
                documents.Add(document);
                paths[document] = path;
            }
        }

        CheckAcrossDocuments(documents, d => paths[d], errors);
        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }

        return new PolicyCatalog(vocabulary, jurisdictions, treasuries, documents);
    }

    /// <summary>Reads the catalog folder into its source form (for the Table Storage loader).</summary>
    public static CatalogSource ParseDirectory(string root) => Parse(ReadDirectory(root));

    /// <summary>Stable short hash of a clause's reviewed content, used to detect changed clauses.</summary>
    public static string HashOf(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];

    internal static DateOnly? ParseDate(string? text, string file, string? clause, string field, List<CatalogError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new(file, clause, $"{field} '{text}' is not a yyyy-MM-dd date"));
        return null;
    }

    private static T? Parse<T>(IReadOnlyDictionary<string, string> files, string path, List<CatalogError> errors)
        where T : class
    {
        if (!files.TryGetValue(path, out var text))
        {
            errors.Add(new(path, null, "file is missing"));
            return null;
        }

        try
        {
            return Yaml.Deserialize<T>(text) ?? throw new YamlException("the file is empty");
        }
        catch (YamlException ex)
        {
            errors.Add(new(path, null, $"malformed YAML at line {ex.Start.Line}: {(ex.InnerException ?? ex).Message}"));
            return null;
        }
    }

    private static Vocabulary MapVocabulary(VocabularyDto dto, List<CatalogError> errors)
    {
        const string file = "vocabulary.yaml";
        var kinds = new Dictionary<string, AchievementKind>(StringComparer.Ordinal);
        foreach (var (id, kind) in dto.AchievementKinds)
        {
            if (kind.Category is null || !dto.Categories.ContainsKey(kind.Category))
            {
                errors.Add(new(file, id, $"achievement kind has unknown category '{kind.Category}'"));
            }

            foreach (var level in kind.Levels.Where(l => !Levels.IsKnown(l)))
            {
                errors.Add(new(file, id, $"unknown level '{level}'"));
            }

            kinds[id] = new AchievementKind(id, kind.Category ?? "", new(kind.Zh ?? id, kind.En ?? id), kind.Levels, kind.Grades);
        }

        return new Vocabulary(Texts(dto.Categories), Texts(dto.ApplicantKinds), Texts(dto.Affiliations), Texts(dto.EvidenceTypes), kinds);

        static Dictionary<string, Text> Texts(Dictionary<string, TextDto> map) =>
            map.ToDictionary(p => p.Key, p => new Text(p.Value.Zh ?? p.Key, p.Value.En ?? p.Key), StringComparer.Ordinal);
    }

    private static (Dictionary<string, Jurisdiction>, Dictionary<string, Treasury>) MapJurisdictions(JurisdictionsDto dto, List<CatalogError> errors)
    {
        const string file = "jurisdictions.yaml";
        var jurisdictions = new Dictionary<string, Jurisdiction>(StringComparer.Ordinal);
        var treasuries = new Dictionary<string, Treasury>(StringComparer.Ordinal);
        foreach (var j in dto.Jurisdictions)
        {
            if (j.Code is null || j.Treasury?.Id is null)
            {
                errors.Add(new(file, j.Code, "jurisdiction needs code and treasury.id"));
                continue;
            }

            if (!jurisdictions.TryAdd(j.Code, new Jurisdiction(j.Code, new(j.Zh ?? j.Code, j.En ?? j.Code), j.Parent, j.Treasury.Id)))
            {
                errors.Add(new(file, j.Code, "duplicate jurisdiction code"));
            }

            treasuries[j.Treasury.Id] = new Treasury(j.Treasury.Id, new(j.Treasury.Zh ?? j.Treasury.Id, j.Treasury.En ?? j.Treasury.Id), j.Code);
        }

        foreach (var j in jurisdictions.Values.Where(j => j.ParentCode is not null && !jurisdictions.ContainsKey(j.ParentCode)))
        {
            errors.Add(new(file, j.Code, $"unknown parent '{j.ParentCode}'"));
        }

        return (jurisdictions, treasuries);
    }

    private static void CheckAcrossDocuments(List<PolicyDocument> documents, Func<PolicyDocument, string> pathOf, List<CatalogError> errors)
    {
        foreach (var group in documents.GroupBy(d => d.Id).Where(g => g.Count() > 1))
        {
            errors.Add(new(pathOf(group.Last()), null, $"duplicate document id '{group.Key}'"));
        }

        var byId = documents.SelectMany(d => d.Clauses.Select(c => (Doc: d, Clause: c))).GroupBy(x => x.Clause.Id);
        foreach (var group in byId.Where(g => g.Count() > 1))
        {
            var versions = group.ToList();
            for (var i = 0; i < versions.Count; i++)
            {
                for (var k = i + 1; k < versions.Count; k++)
                {
                    var a = versions[i].Clause.Window ?? versions[i].Doc.Effective;
                    var b = versions[k].Clause.Window ?? versions[k].Doc.Effective;
                    var message = versions[i].Clause.Window is null || versions[k].Clause.Window is null
                        ? $"duplicate clause id '{group.Key}' (give each version validFrom/validTo to version it)"
                        : $"overlapping versions of clause '{group.Key}': {a} and {b}";
                    if (a.Overlaps(b) || versions[i].Clause.Window is null || versions[k].Clause.Window is null)
                    {
                        errors.Add(new(pathOf(versions[k].Doc), group.Key, message));
                    }
                }
            }
        }

        var all = documents.SelectMany(d => d.Clauses).GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            foreach (var clause in doc.Clauses.Where(c => c.Amount is FractionOfClause))
            {
                var target = ((FractionOfClause)clause.Amount).ClauseId;
                if (!all.TryGetValue(target, out var referenced))
                {
                    errors.Add(new(pathOf(doc), clause.Id, $"amount.fractionOf refers to unknown clause '{target}'"));
                }
                else if (referenced.Amount is not FixedAmount)
                {
                    errors.Add(new(pathOf(doc), clause.Id, $"amount.fractionOf must refer to a fixed-amount clause; '{target}' is not"));
                }
            }
        }
    }
}
