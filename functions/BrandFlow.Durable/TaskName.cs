namespace BrandFlow.Durable;

/// <summary>Name and optional version of an orchestrator or activity (mirrors Microsoft.DurableTask.TaskName).</summary>
public readonly record struct TaskName
{
    /// <summary>Creates a task name.</summary>
    public TaskName(string name, string? version = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Version = version ?? string.Empty;
    }

    /// <summary>The registered name.</summary>
    public string Name { get; }

    /// <summary>The version (empty when unversioned).</summary>
    public string Version { get; }

    /// <summary>Converts a plain name.</summary>
    public static implicit operator TaskName(string name) => new(name);

    /// <summary>Converts a plain name.</summary>
    public static TaskName FromString(string name) => new(name);

    /// <inheritdoc />
    public override string ToString() => Version.Length == 0 ? Name : $"{Name}:{Version}";
}
