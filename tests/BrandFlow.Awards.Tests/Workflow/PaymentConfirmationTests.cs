using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>Bank confirmations: a returned payment keeps the award payable and tells the applicant; a later "ok" pays it.</summary>
public sealed class PaymentConfirmationTests
{
    [Fact]
    public async Task FailedConfirmation_AwardStaysPayable_ApplicantMailedWithTheBanksReason_LaterOkPaysIt()
    {
        await using var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var b = await journey.SubmitFirmBAsync();
        await journey.ApproveAsync(b);
        await journey.CloseWindowAsync();
        await journey.ApproveFiscalAsync(AllocationRuleKind.ProRata);
        await journey.PassNoticeAsync();
        var instruction = Assert.Single(host.Ledger.Instructions, i => i.ApplicationId == b);

        await host.RaiseAsync(b, WorkflowEvents.PaymentConfirmed,
            new PaymentConfirmationEvent(instruction.AwardId, instruction.Reference, false, host.Today, "账户已销户"));
        await host.UntilAsync(() => Task.FromResult(host.Audit.All.Any(e => e.SubjectId == b && e.Action == "payment.failed")), "payment.failed recorded");
        var returned = await journey.AppAsync(b);
        Assert.Equal(ApplicationStatus.PayoutIssued, returned.Status);
        Assert.All(returned.Awards, a => Assert.NotEqual(AwardStates.Paid, a.State));
        var mail = Assert.Single(host.Mail.To(Seed.FirmB.ContactEmail), m => m.Category == nameof(MailKind.PaymentFailed));
        Assert.Contains("账户已销户", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(instruction.Reference, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Mail.To(Seed.FirmB.ContactEmail), m => m.Category == nameof(MailKind.PaymentConfirmed));
        Assert.Contains(host.Audit.All, e => e.SubjectId == b && e.Action == "payment.failed");

        await host.ConfirmPaymentsAsync(journey.BatchId);
        await host.UntilStatusAsync(b, ApplicationStatus.Paid);
        var paid = await journey.AppAsync(b);
        Assert.Equal(ApplicationStatus.Paid, paid.Status);
        Assert.Single(host.Mail.To(Seed.FirmB.ContactEmail), m => m.Category == nameof(MailKind.PaymentConfirmed));
        Assert.Single(host.Ledger.Entries, e => e.ApplicationId == b);
    }
}
