using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Tests.TestSupport;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>A mail provider that keeps failing does not stop the workflow; the audit says the mail was not sent.</summary>
public sealed class MailFailureTests
{
    private sealed class BrokenMail : IMailSender
    {
        public int Attempts { get; private set; }

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
        {
            Attempts++;
            throw new HttpRequestException("SendGrid answered 503");
        }
    }

    [Fact]
    public async Task Submission_MailKeepsFailing_StateRecordedAndAuditNotesIt()
    {
        var broken = new BrokenMail();
        await using var host = await AwardTestHost.StartAsync(Journey.Opens, mail: broken);
        await Seed.PeopleAsync(host);
        var cycle = Seed.Cycle(Journey.Opens, Journey.Closes);
        await host.StartCycleAsync(cycle);
        await host.UntilCycleAsync(cycle.CycleId, CycleStatus.Open);

        var wk = await Seed.WellKnownAsync(host, Seed.FirmA);
        await host.SubmitAsync(Seed.Submission(host, "app-a", Seed.FirmA, cycle.CycleId, wk));

        // Each mail step is retried (about 15 s) and then recorded without its mails.
        await host.UntilStatusAsync("app-a", ApplicationStatus.AwaitingClerk);
        await host.UntilAsync(async () => (await host.Audit.ListAsync(cycle.CycleId)).Any(e => e.Action == "cycle.mail-failed"), "the cycle notes its failed mailing");
        var audit = await host.Audit.ListAsync("app-a");
        Assert.Contains(audit, e => e.Action == "mail.failed" && e.Detail!.StartsWith("application.submitted", StringComparison.Ordinal) && e.Detail.Contains("503", StringComparison.Ordinal));
        Assert.Contains(await host.Audit.ListAsync(cycle.CycleId), e => e.Action == "cycle.mail-failed");
        Assert.True(broken.Attempts >= 5);
    }
}
