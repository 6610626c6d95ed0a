using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.AzureStorage.Tests;

public sealed class TableDirectoryTests
{
    [Fact]
    public async Task GetUserAsync_OtherCaseAndOddCharacters_FindsTheAccount()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Directory.UpsertUserAsync(new UserAccount("Li.Ming/Office#1?@Firm.Example", "李明", [Role.Applicant], CreditCode: "91421200MA4ABCDE1X"));

        var user = await storage.Directory.GetUserAsync("  li.ming/office#1?@firm.example ");

        Assert.NotNull(user);
        Assert.Equal("li.ming/office#1?@firm.example", user.Email);
        Assert.Equal("91421200MA4ABCDE1X", user.CreditCode);
        Assert.Null(await storage.Directory.GetUserAsync("nobody@firm.example"));
    }

    [Fact]
    public async Task ListStaffAsync_RoleAndDepartment_FiltersOnTheServer()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Directory.UpsertUserAsync(new UserAccount("r1@gov.example", "R1", [Role.Reviewer], DepartmentId: "market"));
        await storage.Directory.UpsertUserAsync(new UserAccount("r2@gov.example", "R2", [Role.Reviewer, Role.DepartmentHead], DepartmentId: "ip"));
        await storage.Directory.UpsertUserAsync(new UserAccount("f1@gov.example", "F1", [Role.Finance]));
        await storage.Directory.UpsertUserAsync(new UserAccount("r3@gov.example", "R3", [Role.Reviewer], DepartmentId: "market"));
        await storage.Directory.UpsertUserAsync(new UserAccount("r3@gov.example", "R3", [Role.Clerk], DepartmentId: "market")); // replaced: no longer a reviewer

        Assert.Equal(["r1@gov.example", "r2@gov.example"], (await storage.Directory.ListStaffAsync(Role.Reviewer)).Select(u => u.Email).Order());
        Assert.Equal(["r1@gov.example"], (await storage.Directory.ListStaffAsync(Role.Reviewer, "market")).Select(u => u.Email));
        Assert.Equal(["r2@gov.example"], (await storage.Directory.ListStaffAsync(Role.DepartmentHead, "ip")).Select(u => u.Email));
        Assert.Empty(await storage.Directory.ListStaffAsync(Role.Administrator));
    }

    [Fact]
    public async Task ListFirmsAsync_ByJurisdiction_ReturnsOnlyItsFirms()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Directory.UpsertFirmAsync(TestData.Firm("A1", "421223"));
        await storage.Directory.UpsertFirmAsync(TestData.Firm("A2", "421223"));
        await storage.Directory.UpsertFirmAsync(TestData.Firm("B1", "420100"));
        await storage.Directory.UpsertFirmAsync(TestData.Firm("A2", "420100") with { Name = "moved" });

        Assert.Equal(["A1"], (await storage.Directory.ListFirmsAsync("421223")).Select(f => f.CreditCode));
        Assert.Equal(["A2", "B1"], (await storage.Directory.ListFirmsAsync("420100")).Select(f => f.CreditCode).Order());
        Assert.Equal("moved", (await storage.Directory.GetFirmAsync("A2"))!.Name);
        Assert.Null(await storage.Directory.GetFirmAsync("ZZ"));
    }

    [Fact]
    public async Task UpsertUserAsync_InvalidEmail_ThrowsBilingualAndWritesNothing()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Directory.UpsertUserAsync(new UserAccount("not-an-email", "X", [Role.Clerk])));
        Assert.Contains("电子邮箱无效", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid email", error.Message, StringComparison.Ordinal);
        Assert.Empty(await storage.Directory.ListStaffAsync(Role.Clerk));
    }
}
