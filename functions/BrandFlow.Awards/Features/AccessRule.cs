using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Features;

/// <summary>Who may run a use case (audience and roles) and which ownership or visibility rule applies.</summary>
/// <param name="Audience">Anyone, anyone signed in, or holders of <paramref name="Roles"/>.</param>
/// <param name="Roles">The roles, one of which is needed (in the order the refusal names them); empty unless <see cref="Audience.Roles"/>.</param>
/// <param name="Scope">The ownership or visibility rule.</param>
public sealed record AccessRule(Audience Audience, IReadOnlyList<Role> Roles, Scope Scope)
{
    /// <summary>Open to anyone, signed in or not.</summary>
    public static AccessRule Anyone(Scope scope = Scope.None) => new(Audience.Anyone, [], scope);

    /// <summary>Open to anyone signed in.</summary>
    public static AccessRule SignedIn(Scope scope = Scope.None) => new(Audience.SignedIn, [], scope);

    /// <summary>Open to holders of one of the roles.</summary>
    public static AccessRule OneOf(Scope scope, params Role[] roles) => new(Audience.Roles, roles, scope);
}
