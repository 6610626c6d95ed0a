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
        var host = new AwardTestHost(Journey.Start, mail: broken);
        await Seed.PeopleAsync(host);
        var cycle = Seed.Cycle(Journey.Opens, Journey.Closes);
        await host.StartCycleAsync(cycle);
        await host.AdvanceToAsync(Journey.Opens, 9);
        Assert.Equal(CycleStatus.Open, (await host.CycleAsync(cycle.CycleId)).Status);

        var wk = await Seed.WellKnownAsync(host, Seed.FirmA);
        await host.SubmitAsync(Seed.Submission(host, "app-a", Seed.FirmA, cycle.CycleId, wk));
        await host.AdvanceToAsync(host.Clock.GetUtcNow().AddMinutes(10), TimeSpan.FromSeconds(5));

        Assert.Equal(ApplicationStatus.AwaitingClerk, (await host.ApplicationAsync("app-a")).Status);
        var audit = await host.Audit.ListAsync("app-a");
        Assert.Contains(audit, e => e.Action == "mail.failed" && e.Detail!.StartsWith("application.submitted", StringComparison.Ordinal) && e.Detail.Contains("503", StringComparison.Ordinal));
        Assert.Contains(await host.Audit.ListAsync(cycle.CycleId), e => e.Action == "cycle.mail-failed");
        Assert.True(broken.Attempts >= 5);
    }
}
