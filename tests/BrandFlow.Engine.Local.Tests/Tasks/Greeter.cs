namespace BrandFlow.Engine.Local.Tests;

/// <summary>A service from the host's container, to prove activities get their dependencies injected.</summary>
public sealed class Greeter
{
    /// <summary>Greets <paramref name="name"/>.</summary>
    public string Greet(string name) => $"Hello {name}";
}
