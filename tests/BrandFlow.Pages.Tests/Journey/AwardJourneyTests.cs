using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;
using BrandFlow.Pages.Tests.Infrastructure;
using BrandFlow.Policy.Calculation;
using Microsoft.Extensions.DependencyInjection;

namespace BrandFlow.Pages.Tests.Journey;

/// <summary>
/// Issue 4 §6: one application's whole journey against Azurite and the SendGrid-compatible endpoint, every person
/// signed in and every decision taken by following links read from the captured emails, over the JSON API.
/// </summary>
[Collection(JourneyCollection.Name)]
public sealed class AwardJourneyTests(JourneyApp app)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Journey_SubmittedApplicationFollowedByMailedLinks_IsPaidOnceAndReported()
    {
        var world = await World.CreateAsync(app, runCycle: true);
        var adminAccount = await world.AccountAsync("admin");
        await world.Awards.UpsertAccountAsync(adminAccount, new UserAccount(world.Email("finance"), "财政", [Role.Finance], Jurisdiction: World.Jurisdiction));

        // Applicant: signs in by the mailed link, uploads the certificate through the SAS URL, submits.
        using var applicant = await Actor.SignInAsync(app, world.Email("applicant"));
        var slot = await applicant.ReadAsync<UploadSlot>(HttpMethod.Post, "api/evidence/slots", new UploadSlotRequest("patent-certificate", "专利证书.pdf"));
        using (var blobHttp = new HttpClient())
        using (var put = new HttpRequestMessage(HttpMethod.Put, slot.UploadUrl) { Content = new ByteArrayContent(ApplicationForm.PdfBytes(64 * 1024)) })
        {
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var uploaded = await blobHttp.SendAsync(put);
            Assert.True(uploaded.IsSuccessStatusCode, $"evidence PUT to the SAS URL: {(int)uploaded.StatusCode}");
        }

        var file = await applicant.ReadAsync<EvidenceFile>(HttpMethod.Post, $"api/evidence/{slot.FileId}/inspection");
        var claim = new ClaimInput("c1", new AchievementInput { Kind = World.Kind, Date = new DateOnly(2021, 3, 1), Identifiers = ["ZL2021" + world.Suffix] }, [file.FileId]);
        var receipt = await applicant.ReadAsync<SubmissionReceipt>(HttpMethod.Post, "api/applications", new ClaimsRequest(world.CycleId, [claim]));
        var id = receipt.ApplicationId;
        using var admin = await Actor.SignInAsync(app, world.Email("admin"));
        await WaitForApplicationAsync(applicant, id, ApplicationStatus.AwaitingClerk);

        // Clerk approves the completeness check over the API.
        using var clerk = await Actor.SignInAsync(app, world.Email("clerk"));
        (await clerk.SendAsync(HttpMethod.Post, $"api/applications/{id}/clerk-check", new ClerkCheckRequest(true, null))).Dispose();

        // Reviewer: the review request mail carries one decision link per outcome; the "approve" one is posted.
        var links = await Mailbox.WaitForLinksAsync(app, world.Email("reviewer"), "/review/decide?t=", timeout: StepTimeout);
        using var reviewer = await Actor.SignInAsync(app, world.Email("reviewer"));
        string? approveToken = null;
        foreach (var link in links)
        {
            var token = Uri.UnescapeDataString(link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
            var view = await reviewer.ReadAsync<DecisionLinkView>(HttpMethod.Get, "api/review/links?t=" + Uri.EscapeDataString(token));
            Assert.True(view.Valid, $"decision link refused: {view.FailureCode} {view.MessageEn}");
            Assert.Equal(id, view.ApplicationId);
            if (view.Outcome == ReviewOutcome.Approve)
            {
                approveToken = token;
            }
        }

        Assert.NotNull(approveToken);
        (await reviewer.SendAsync(HttpMethod.Post, "api/review/decisions", new DecisionRequest(approveToken, "材料齐全 / complete"))).Dispose();
        await WaitForApplicationAsync(applicant, id, ApplicationStatus.AwaitingFiscalApproval);

        // The window closes, finance approves the budget, the public notice opens.
        (await admin.SendAsync(HttpMethod.Post, $"api/cycles/{world.CycleId}/close-window")).Dispose();
        await WaitForCycleAsync(admin, world.CycleId, CycleStatus.AwaitingFiscalApproval);
        using var finance = await Actor.SignInAsync(app, world.Email("finance"));
        (await finance.SendAsync(HttpMethod.Post, $"api/cycles/{world.CycleId}/fiscal/approval", new { rule = "proRata" })).Dispose();
        var noticeEnds = (await WaitForCycleAsync(admin, world.CycleId, CycleStatus.PublicNotice)).NoticeEndsOn;
        Assert.NotNull(noticeEnds);
        await WaitForApplicationAsync(applicant, id, ApplicationStatus.InPublicNotice);

        // The notice passes (its timer falls due JourneyApp.NoticeLasts after it opened); the payout batch issues the instruction.
        var issued = await WaitForApplicationAsync(applicant, id, ApplicationStatus.PayoutIssued);
        var award = Assert.Single(issued.Awards);
        var amount = award.ApprovedAmount ?? award.EstimatedAmount;
        Assert.True(amount > 0m, "the award has no amount");

        // Finance downloads the payment file and imports the bank's confirmation of its single line.
        string paymentCsv;
        using (var fileResponse = await finance.SendAsync(HttpMethod.Get, $"api/cycles/{world.CycleId}/payments/file?format=csv"))
        {
            Assert.StartsWith("text/csv", fileResponse.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            paymentCsv = Encoding.UTF8.GetString(await fileResponse.Content.ReadAsByteArrayAsync());
        }

        Assert.Contains(world.FirmCode, paymentCsv, StringComparison.Ordinal);
        using (var confirmations = new StringContent(Confirmations(paymentCsv, ChinaTime.DateOf(DateTimeOffset.UtcNow)), Encoding.UTF8, "text/csv"))
        {
            (await finance.SendAsync(HttpMethod.Post, $"api/cycles/{world.CycleId}/payments/confirmations", confirmations)).Dispose();
        }

        await WaitForApplicationAsync(applicant, id, ApplicationStatus.Paid);

        // Exactly one ledger row for the award, and the cycle's report counts it.
        var ledger = (await app.Services.GetRequiredService<AwardsPorts>().Ledger.ListByFirmAsync(world.FirmCode)).Where(e => e.ApplicationId == id).ToList();
        var row = Assert.Single(ledger);
        Assert.Equal(award.AwardId, row.AwardId);
        Assert.Equal(amount, row.Amount);

        if ((await admin.ReadAsync<CycleRecord>(HttpMethod.Get, $"api/cycles/{world.CycleId}")).Status != CycleStatus.Closed)
        {
            (await admin.SendAsync(HttpMethod.Post, $"api/cycles/{world.CycleId}/close")).Dispose();
        }

        var closed = await WaitForCycleAsync(admin, world.CycleId, CycleStatus.Closed);
        Assert.NotNull(closed.Report);
        Assert.Equal(1, closed.Report.AwardsPaid);
        Assert.Equal(amount, closed.Report.AmountPaid);
    }

    private static Task<ApplicationRecord> WaitForApplicationAsync(Actor actor, string id, ApplicationStatus status) =>
        EventuallyAsync(() => actor.TryGetAsync<ApplicationRecord>($"api/applications/{id}"), a => a.Status == status, a => $"application {id} is {a?.Status.ToString() ?? "not found"}, expected {status}");

    private static Task<CycleRecord> WaitForCycleAsync(Actor actor, string cycleId, CycleStatus status) =>
        EventuallyAsync(() => actor.TryGetAsync<CycleRecord>($"api/cycles/{cycleId}"), c => c.Status == status, c => $"cycle {cycleId} is {c?.Status.ToString() ?? "not found"}, expected {status}");

    /// <summary>Reads until the condition holds, for at most <see cref="StepTimeout"/>.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read, Func<T, bool> condition, Func<T?, string> describe)
        where T : class
    {
        var until = DateTime.UtcNow + StepTimeout;
        while (true)
        {
            var value = await read();
            if (value is not null && condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException(describe(value));
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The bank's answer to a payment file: every line paid on the given day (reference, amount, paidOn, status, message).</summary>
    private static string Confirmations(string paymentCsv, DateOnly paidOn)
    {
        var lines = paymentCsv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var reference = Array.FindIndex(header, h => h.Contains("reference", StringComparison.OrdinalIgnoreCase));
        var amount = Array.FindIndex(header, h => h.Contains("amount", StringComparison.OrdinalIgnoreCase));
        Assert.True(reference >= 0 && amount >= 0, "payment file without reference/amount columns: " + lines[0]);
        Assert.Equal(2, lines.Length);
        var cells = lines[1].Split(',').Select(c => c.Trim('"')).ToArray();
        return "reference,amount,paidOn,status,message\n"
            + string.Create(CultureInfo.InvariantCulture, $"{cells[reference]},{cells[amount]},{paidOn:yyyy-MM-dd},ok,\n");
    }
}
