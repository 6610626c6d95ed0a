using System.Security.Claims;
using BrandFlow.Awards.Model;
using Microsoft.AspNetCore.Authentication;

namespace BrandFlow.App.Pages.Shared;

/// <summary>Starts and ends the cookie session after a sign-in link was used (the scheme is the app's default one).</summary>
public static class SignInSession
{
    /// <summary>Cookie remembering where to go after signing in.</summary>
    public const string ReturnCookie = "bf-return";

    /// <summary>Issues the session cookie for the account: its email, name and roles.</summary>
    public static Task StartAsync(HttpContext context, UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim> { new(ClaimTypes.Email, account.Email), new(ClaimTypes.NameIdentifier, account.Email), new(ClaimTypes.Name, account.DisplayName) };
        claims.AddRange(account.Roles.Select(role => new Claim(ClaimTypes.Role, role.ToString())));
        return context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, "brandflow-link", ClaimTypes.Name, ClaimTypes.Role)));
    }

    /// <summary>Ends the session.</summary>
    public static Task EndAsync(HttpContext context) => context.SignOutAsync();

    /// <summary>The first page of an account: its work queue.</summary>
    public static string HomeOf(UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Has(Role.Applicant) ? "/applications"
            : account.Has(Role.Reviewer) || account.Has(Role.DepartmentHead) ? "/review"
            : account.Has(Role.Clerk) ? "/clerk"
            : account.Has(Role.Finance) ? "/finance"
            : account.Has(Role.Administrator) ? "/admin"
            : "/";
    }
}
