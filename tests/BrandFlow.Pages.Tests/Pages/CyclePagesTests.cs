using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Pages.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandFlow.Pages.Tests.Pages;

/// <summary>
/// The staff pages of a cycle in chromium: an administrator opens a cycle with the form (bad input first), closes its
/// window; finance simulates both budget rules and approves; the public notice lists the award and takes an objection,
/// which holds the application.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CyclePagesTests(BrowserApp app)
{
    [Fact]
    public async Task OpenCycleForm_BadDatesThenValid_ShowsChineseErrorsAndStartsNothing_ThenOpensTheCycle()
    {
        var world = await World.CreateAsync(app);
        var admin = await world.AccountAsync("admin");
        var cycleId = $"pa-{world.Suffix}";
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var page = await app.NewPageAsync();
        await Browser.SignInAsync(app, page, world.Email("admin"));

        await page.GotoAsync("/admin/cycles/new");
        await page.FillAsync("#CycleId", cycleId);
        await page.SelectOptionAsync("#Jurisdiction", World.Jurisdiction);
        await page.FillAsync("#TitleZh", $"页面测试年度 {world.Suffix}");
        await page.FillAsync("#TitleEn", $"Pages test cycle {world.Suffix}");
        await page.CheckAsync("#doc-cy-brand-quality");
        await page.CheckAsync("#doc-xn-market-system"); // one of its clauses is paid by the applicant's "local" treasury
        await page.FillAsync("#OpensOn", today.ToString("yyyy-MM-dd"));
        await page.FillAsync("#ClosesOn", today.AddDays(-3).ToString("yyyy-MM-dd"));
        await page.FillAsync("#AsOf", "2025-12-31");
        await page.FillAsync("#budget-fin-421223", "800000");
        await page.FillAsync("#budget-fin-421200", "1500000");
        await page.ClickAsync("#submit-cycle");

        // Refused: the message is Chinese, the form keeps what was typed, and no cycle exists.
        await page.WaitForSelectorAsync("#error-summary");
        Assert.Contains("截止日期早于开始日期", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(cycleId, await page.InputValueAsync("#CycleId"));
        Assert.Equal("800000", await page.InputValueAsync("#budget-fin-421223"));
        Assert.DoesNotContain(await world.Awards.ListCyclesAsync(admin), c => c.Definition.CycleId == cycleId);

        await page.FillAsync("#ClosesOn", today.AddDays(20).ToString("yyyy-MM-dd"));
        await page.ClickAsync("#submit-cycle");
        try
        {
            await page.WaitForURLAsync("**/admin/cycles/" + cycleId);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException("the cycle was not opened; the page says: " + await page.InnerTextAsync("main"));
        }

        // The cycle's orchestration opens it; the page then says so.
        await EventuallyAsync(page, "#cycle-status", "受理中");
        var opened = await world.Awards.GetCycleAsync(admin, cycleId);
        Assert.Equal(["cy-brand-quality", "xn-market-system"], opened.Definition.Documents.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(800_000m, opened.Definition.Budgets["fin-421223"]);
        Assert.Equal(1_500_000m, opened.Definition.Budgets["fin-421200"]);
        Assert.Equal(today.AddDays(20), opened.Definition.ClosesOn);
    }

    [Fact]
    public async Task CloseWindow_FinanceSimulatesAndApproves_NoticeListsTheAward_ObjectionHoldsIt()
    {
        var world = await World.CreateAsync(app, runCycle: true);
        var admin = await world.AccountAsync("admin");
        await world.Awards.UpsertAccountAsync(admin, new UserAccount(world.Email("finance"), "财政审批员", [Role.Finance], Jurisdiction: World.Jurisdiction));

        // One application reaches fiscal approval: submitted in the browser, checked and approved through the facade
        // with the reviewer's mailed link.
        var applicant = await app.NewPageAsync();
        await Browser.SignInAsync(app, applicant, world.Email("applicant"));
        await ApplicationForm.FillClaimAndUploadPdfAsync(applicant, world);
        await applicant.ClickAsync("#submit-application");
        await applicant.WaitForURLAsync("**/applications/*-*");
        var applicationId = applicant.Url[(applicant.Url.LastIndexOf('/') + 1)..];
        await world.WaitForApplicationAsync(applicationId, a => a.Status == ApplicationStatus.AwaitingClerk);
        await world.Awards.ClerkCheckAsync(await world.AccountAsync("clerk"), applicationId, new ClerkCheckRequest(true, null));
        var reviewer = await world.AssignedReviewerAsync(applicationId);
        var approve = (await Mailbox.WaitForLinksAsync(app, reviewer, "/review/decide?t=", mentioning: applicationId))[0];
        var token = Uri.UnescapeDataString(approve[(approve.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
        await world.Awards.DecideByLinkAsync(await world.Awards.FindAccountAsync(reviewer), new DecisionRequest(token, "材料齐全"));
        var reviewed = await world.WaitForApplicationAsync(applicationId, a => a.Status == ApplicationStatus.AwaitingFiscalApproval);
        var estimate = reviewed.Awards.Sum(a => a.EstimatedAmount);
        Assert.True(estimate > 0m, "the claimed patent has no estimate");

        // Administrator: closes the window on the cycle page.
        var adminPage = await app.NewPageAsync();
        await Browser.SignInAsync(app, adminPage, world.Email("admin"));
        await adminPage.GotoAsync("/admin/cycles/" + world.CycleId);
        Assert.Equal("受理中", await adminPage.InnerTextAsync("#cycle-status"));
        await adminPage.ClickAsync("#close-window");
        await EventuallyAsync(adminPage, "#cycle-status", "待财政审批");

        // Finance: the simulation per treasury under each rule, then approval with the priority rule.
        var finance = await app.NewPageAsync();
        await Browser.SignInAsync(app, finance, world.Email("finance"));
        await finance.GotoAsync("/finance/" + world.CycleId);
        Assert.Contains("待财政审批", await finance.InnerTextAsync("#cycle-status"), StringComparison.Ordinal);
        Assert.Contains("预算内", await finance.InnerTextAsync("#treasuries"), StringComparison.Ordinal);
        await finance.CheckAsync("#rule-Priority");
        await finance.ClickAsync("#simulate");
        await finance.WaitForURLAsync("**Rule=Priority**");
        Assert.True(await finance.IsCheckedAsync("#rule-Priority"));
        Assert.Equal("Priority", await finance.InputValueAsync("form:has(#approve-batch) input[name=Rule]"));
        await finance.ClickAsync("#approve-batch");
        await EventuallyAsync(finance, "#cycle-status", "公示中");
        var cycle = await world.Awards.GetCycleAsync(admin, world.CycleId);
        Assert.Equal(AllocationRuleKind.Priority, cycle.AllocationRule);
        Assert.NotNull(cycle.NoticeEndsOn);

        // The public notice: another firm's person sees the award and objects; the award is held.
        await world.WaitForApplicationAsync(applicationId, a => a.Status == ApplicationStatus.InPublicNotice);
        var other = await app.NewPageAsync();
        await Browser.SignInAsync(app, other, world.Email("other"));
        await other.GotoAsync("/notices?cycle=" + world.CycleId);
        var list = await other.InnerTextAsync("#notice-list");
        Assert.Contains($"崇阳测试企业{world.Suffix}", list, StringComparison.Ordinal);
        Assert.Contains(world.FirmCode, list, StringComparison.Ordinal);

        // A blank reason (spaces pass the browser's "required") is refused by the server in Chinese; nothing is held.
        await other.FillAsync("#Reason", "   ");
        await other.ClickAsync("#objection-form button[type=submit]");
        await other.WaitForSelectorAsync("#error-summary");
        Assert.Contains("异议理由不能为空", await other.InnerTextAsync("#error-summary"), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.InPublicNotice, (await world.WaitForApplicationAsync(applicationId, _ => true)).Status);

        await other.FillAsync("#Reason", "该专利已转让给其他企业");
        await other.ClickAsync("#objection-form button[type=submit]");
        await other.WaitForSelectorAsync(".flash");
        Assert.Contains("异议已提交", await other.InnerTextAsync(".flash"), StringComparison.Ordinal);
        var held = await world.WaitForApplicationAsync(applicationId, a => a.Status == ApplicationStatus.Objected);
        Assert.All(held.Awards, a => Assert.Equal(AwardStates.Held, a.State));
    }

    /// <summary>Reloads the page until the element shows the text (the workflow runs in the background).</summary>
    private static async Task EventuallyAsync(IPage page, string selector, string text)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var shown = await page.InnerTextAsync(selector);
            if (shown.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{selector} shows '{shown}', expected '{text}'");
            }

            await Task.Delay(300);
            await page.ReloadAsync();
        }
    }
}
