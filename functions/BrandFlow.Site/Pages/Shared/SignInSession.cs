using BrandFlow.Hosting.Access;
using BrandFlow.Awards.Model;

namespace BrandFlow.Site.Pages.Shared;

/// <summary>Starts and ends the cookie session after a sign-in link was used (through the app's session, <see cref="Session"/>).</summary>
public static class SignInSession
{
    /// <summary>Cookie remembering where to go after signing in.</summary>
    public const string ReturnCookie = "bf-return";

    /// <summary>Issues the session cookie for the account (the app's session scheme and claims).</summary>
    public static Task StartAsync(HttpContext context, UserAccount account) => Session.SignInAsync(context, account);

    /// <summary>Ends the session.</summary>
    public static Task EndAsync(HttpContext context) => Session.SignOutAsync(context);

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
