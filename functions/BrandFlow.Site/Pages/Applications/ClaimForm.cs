using System.Globalization;
using BrandFlow.Awards.Model;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Site.Pages.Applications;

/// <summary>One claim as typed in the form: the achievement (from the catalog's vocabulary) and its uploaded evidence.</summary>
public sealed class ClaimForm
{
    /// <summary>Achievement kind id (e.g. patent.invention-granted).</summary>
    public string? Kind { get; set; }

    /// <summary>Level (national, provincial, ...; "none" for kinds without levels).</summary>
    public string? Level { get; set; }

    /// <summary>Grade within the kind, when the kind has grades.</summary>
    public string? Grade { get; set; }

    /// <summary>Date achieved.</summary>
    public DateOnly? Date { get; set; }

    /// <summary>Count for per-unit and tier rules.</summary>
    public int? Count { get; set; }

    /// <summary>Identifiers (patent, certificate, standard numbers), one per line or separated by commas.</summary>
    public string? Identifiers { get; set; }

    /// <summary>Subject (product or brand) for once-per-level rules.</summary>
    public string? Subject { get; set; }

    /// <summary>Uploaded and accepted files: "fileId|evidenceType|fileName", written by the upload script.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>The files as (id, type, name).</summary>
    public IEnumerable<(string Id, string Type, string Name)> ParsedFiles() =>
        this.Files.Select(f => f.Split('|', 3)).Where(p => p.Length == 3 && p[0].Length > 0).Select(p => (p[0], p[1], p[2]));

    /// <summary>The claim as the facade takes it; the claim id is its position ("c1", "c2", ...).</summary>
    public ClaimInput ToClaim(int index)
    {
        var id = "c" + (index + 1).ToString(CultureInfo.InvariantCulture);
        var identifiers = (this.Identifiers ?? string.Empty)
            .Split(['\n', '\r', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        var achievement = new AchievementInput
        {
            Id = id,
            Kind = string.IsNullOrWhiteSpace(this.Kind) ? null : this.Kind,
            Level = string.IsNullOrWhiteSpace(this.Level) ? null : this.Level,
            Grade = string.IsNullOrWhiteSpace(this.Grade) ? null : this.Grade,
            Date = this.Date,
            Count = this.Count,
            Identifiers = identifiers.Count > 0 ? identifiers : null,
            Subject = string.IsNullOrWhiteSpace(this.Subject) ? null : this.Subject.Trim(),
        };
        return new ClaimInput(id, achievement, this.ParsedFiles().Select(f => f.Id).Distinct().ToList());
    }

    /// <summary>
    /// The form field a facade error path points at: "claims[0].evidenceFileIds" → "Claims[0].Files",
    /// "achievements[1].date" (the calculator's path) → "Claims[1].Date"; null when it names no field of a claim.
    /// </summary>
    public static string? FieldFor(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var match = System.Text.RegularExpressions.Regex.Match(path, @"^(claims|achievements)\[(\d+)\](?:\.(achievement\.)?([A-Za-z]+))?", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return path is "cycleId" ? "Cycle" : path is "claims" ? "Claims" : null;
        }

        var index = match.Groups[2].Value;
        var field = match.Groups[4].Value.ToLowerInvariant() switch
        {
            "kind" => "Kind",
            "level" => "Level",
            "grade" => "Grade",
            "date" => "Date",
            "count" => "Count",
            "identifiers" => "Identifiers",
            "subject" => "Subject",
            "evidencefileids" => "Files",
            _ => "Kind",
        };
        return $"Claims[{index}].{field}";
    }
}
