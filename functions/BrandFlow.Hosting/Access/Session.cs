using System.Security.Claims;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Authentication;

namespace BrandFlow.Hosting.Access;

/// <summary>
/// The signed-in session: an HttpOnly, SameSite=Lax cookie holding email, roles, department and credit code. Each
/// request reads the account afresh from the directory, so a role removed by an administrator applies at once.
/// </summary>
public static class Session
{
    /// <summary>The cookie authentication scheme.</summary>
    public const string Scheme = "BrandFlow";

    /// <summary>Claim type of the reviewer's department.</summary>
    public const string DepartmentClaim = "brandflow:department";

    /// <summary>Claim type of the applicant's firm credit code.</summary>
    public const string CreditCodeClaim = "brandflow:credit-code";

    private static readonly object ActorKey = new();

    /// <summary>The claims of an account.</summary>
    public static ClaimsPrincipal Principal(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Email),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Name, user.DisplayName),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        if (user.DepartmentId is { } department)
        {
            claims.Add(new Claim(DepartmentClaim, department));
        }

        if (user.CreditCode is { } creditCode)
        {
            claims.Add(new Claim(CreditCodeClaim, creditCode));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Issues the session cookie for an account (after a sign-in link was used).</summary>
    public static Task SignInAsync(HttpContext context, UserAccount user) =>
        context.SignInAsync(Scheme, Principal(user), new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });

    /// <summary>Ends the session.</summary>
    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>The signed-in account (read from the directory once per request), or null.</summary>
    public static Task<UserAccount?> ActorAsync(HttpContext context) => ActorAsync(context, null);

    /// <summary>
    /// The signed-in account (read from the directory once per request), or null; through <paramref name="awards"/>
    /// when given (a host whose award service is per call), else the container's.
    /// </summary>
    public static async Task<UserAccount?> ActorAsync(HttpContext context, AwardsService? awards)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ActorKey, out var cached))
        {
            return cached as UserAccount;
        }

        UserAccount? actor = null;
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.Email) is { Length: > 0 } email
            && (awards ?? context.RequestServices.GetService<AwardsService>()) is { } service)
        {
            actor = await service.FindAccountAsync(email, context.RequestAborted);
        }

        context.Items[ActorKey] = actor;
        return actor;
    }
}
