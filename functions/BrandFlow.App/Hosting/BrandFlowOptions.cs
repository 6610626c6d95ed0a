namespace BrandFlow.App.Hosting;

/// <summary>Configuration section "BrandFlow" (environment: BrandFlow__Storage, BrandFlow__PoliciesPath, ...).</summary>
public sealed class BrandFlowOptions
{
    /// <summary>Azure Storage connection string (Azurite locally; in Azure, an app setting or Key Vault reference).</summary>
    public string? Storage { get; set; }

    /// <summary>Folder of the reviewed catalog files; defaults to the repository's policies/ folder.</summary>
    public string? PoliciesPath { get; set; }

    /// <summary>Table holding the policy catalog.</summary>
    public string PolicyTable { get; set; } = "BrandFlowPolicies";

    /// <summary>Resolves the catalog folder: configured, else policies/ next to the app or above it.</summary>
    public string ResolvePoliciesPath()
    {
        if (!string.IsNullOrWhiteSpace(PoliciesPath))
        {
            return PoliciesPath;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "policies");
                if (File.Exists(Path.Combine(candidate, "vocabulary.yaml")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("policies/ folder not found; set BrandFlow__PoliciesPath");
    }
}
