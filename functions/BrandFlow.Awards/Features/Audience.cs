namespace BrandFlow.Awards.Features;

/// <summary>Who may run a use case at all, before any ownership or visibility rule.</summary>
public enum Audience
{
    /// <summary>Anyone, signed in or not (sign-in itself, link descriptions, host lookups).</summary>
    Anyone,

    /// <summary>Anyone signed in (401 otherwise).</summary>
    SignedIn,

    /// <summary>Someone signed in (401) holding one of the rule's roles (403 naming them).</summary>
    Roles,
}
