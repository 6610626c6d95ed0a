namespace BrandFlow.Awards.Workflow;

/// <summary>The public base address of the app, used for links in the workflow's mails.</summary>
public sealed class WorkflowLinks
{
    /// <summary>Creates the setting from a base address; a missing trailing '/' is added so relative paths append.</summary>
    public WorkflowLinks(Uri publicBaseUri)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        var text = publicBaseUri.ToString();
        PublicBaseUri = new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>Public base address, ending in '/'.</summary>
    public Uri PublicBaseUri { get; }
}
