using System.Net;
using System.Net.Http.Headers;

namespace BrandFlow.Awards.AzureStorage.Tests;

/// <summary>What a browser does with SAS URLs: plain HTTP, no SDK.</summary>
internal static class EvidenceHttp
{
    public static HttpClient Client { get; } = new();

    /// <summary>PUTs a block blob through a SAS URL, as a page's script would.</summary>
    public static async Task<HttpStatusCode> PutAsync(Uri url, byte[] content, string contentType = "application/octet-stream")
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(content) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await Client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Sends a request without a body.</summary>
    public static async Task<HttpStatusCode> SendAsync(HttpMethod method, Uri url)
    {
        using var request = new HttpRequestMessage(method, url);
        using var response = await Client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>GETs a blob through a SAS URL; null unless 200.</summary>
    public static async Task<byte[]?> GetAsync(Uri url)
    {
        using var response = await Client.GetAsync(url);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsByteArrayAsync() : null;
    }

    /// <summary>A minimal PDF: the magic bytes and some body.</summary>
    public static byte[] Pdf(string text = "certificate") => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n% {text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
}
