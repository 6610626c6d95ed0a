using System.Text;
using Microsoft.Playwright;

namespace BrandFlow.Pages.Tests.Infrastructure;

/// <summary>Filling the new-application page the way an applicant does.</summary>
public static class ApplicationForm
{
    /// <summary>Opens the new-application page, describes one patent claim and uploads a real PDF for it.</summary>
    public static async Task FillClaimAndUploadPdfAsync(IPage page, World world)
    {
        await page.GotoAsync("/applications/new");
        Assert.Contains(world.Suffix, await page.InnerTextAsync("#cycle-title"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#Claims_0__Kind", World.Kind);
        await page.FillAsync("#Claims_0__Date", "2021-03-01");
        await page.FillAsync("#Claims_0__Identifiers", "ZL2021" + world.Suffix);
        await page.SelectOptionAsync("#ev-type-0", "patent-certificate");

        // The PDF goes straight to Blob Storage; the progress bar reaches 100% and the server accepts it.
        await page.SetInputFilesAsync("#ev-file-0", new FilePayload { Name = "专利证书.pdf", MimeType = "application/pdf", Buffer = PdfBytes(256 * 1024) });
        await page.WaitForSelectorAsync(".upload-result.ok");
        Assert.Equal(100, await page.EvalOnSelectorAsync<double>(".ev-progress", "e => e.value"));
        Assert.Equal("100%", await page.InnerTextAsync(".ev-percent"));
        Assert.Contains("专利证书.pdf", await page.InnerTextAsync(".ev-list"), StringComparison.Ordinal);
    }

    /// <summary>A small but real PDF (header, one empty page, trailer), padded with a comment to the asked size.</summary>
    public static byte[] PdfBytes(int size)
    {
        var head = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n";
        var tail = "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        var padding = "%" + new string('x', Math.Max(0, size - head.Length - tail.Length - 2)) + "\n";
        return Encoding.ASCII.GetBytes(head + padding + tail);
    }
}
