namespace BrandFlow.Site.Pages.Shared;

/// <summary>An evidence upload box (partial _UploadBox): where accepted files go in the form, and which types may be chosen.</summary>
/// <param name="Id">Unique id within the page.</param>
/// <param name="Field">Form field name of the hidden inputs written for accepted files.</param>
/// <param name="Prefix">Text put before "fileId|type|name" in each hidden input (e.g. the claim id).</param>
/// <param name="EvidenceTypes">Evidence types offered, with their labels.</param>
public sealed record UploadBox(string Id, string Field, string Prefix, IReadOnlyList<(string Id, BrandFlow.Policy.Catalog.Text Name)> EvidenceTypes);
