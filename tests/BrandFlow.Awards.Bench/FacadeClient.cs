using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Bench;

/// <summary>
/// The driver's actions through the app's facade (<see cref="AwardsService"/>, the object behind every API endpoint),
/// in-process, with the actor's account as the API would resolve it from the session. Evidence still goes to Blob
/// Storage over HTTP with the upload slot's write-only SAS, as a browser does.
/// </summary>
internal sealed class FacadeClient(AwardsService awards, HttpClient blobHttp) : IAwardsClient
{
    private readonly ConcurrentDictionary<string, UserAccount> accounts = new(StringComparer.OrdinalIgnoreCase);

    public string Description => "in-process facade (AwardsService), the object behind the JSON API; evidence PUT to Blob Storage by SAS over HTTP";

    public async Task SeedAsync(IReadOnlyList<UserAccount> staff, IReadOnlyList<Firm> firms, CancellationToken cancellationToken)
    {
        foreach (var account in staff)
        {
            this.accounts[account.Email] = account;
        }

        var admin = staff.First(a => a.Has(Role.Administrator));
        foreach (var account in staff)
        {
            await awards.UpsertAccountAsync(admin, account, cancellationToken);
        }

        await Parallel.ForEachAsync(firms, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (firm, ct) =>
        {
            await awards.UpsertFirmAsync(admin, firm, ct);
            var applicant = new UserAccount(firm.ContactEmail, firm.Name, [Role.Applicant], CreditCode: firm.CreditCode);
            this.accounts[applicant.Email] = await awards.UpsertAccountAsync(admin, applicant, ct);
        });
    }

    public Task OpenCycleAsync(CycleDefinition cycle, CancellationToken cancellationToken) =>
        awards.OpenCycleAsync(this.Admin, cycle, null, cancellationToken);

    public async Task<string> SubmitAsync(Firm firm, string cycleId, ClaimInput claim, string evidenceType, byte[] evidence, CancellationToken cancellationToken)
    {
        var applicant = this.accounts[firm.ContactEmail];
        var slot = await awards.RequestUploadSlotAsync(applicant, new UploadSlotRequest(evidenceType, evidenceType + ".pdf"), cancellationToken);
        using (var put = new HttpRequestMessage(HttpMethod.Put, slot.UploadUrl) { Content = new ByteArrayContent(evidence) })
        {
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var response = await blobHttp.SendAsync(put, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        var file = await awards.InspectEvidenceAsync(applicant, slot.FileId, cancellationToken);
        var receipt = await awards.SubmitApplicationAsync(applicant, new ClaimsRequest(cycleId, [claim with { EvidenceFileIds = [file.FileId] }]), cancellationToken);
        return receipt.ApplicationId;
    }

    public Task ClerkApproveAsync(string clerk, string applicationId, CancellationToken cancellationToken) =>
        awards.ClerkCheckAsync(this.accounts[clerk], applicationId, new ClerkCheckRequest(true, null), cancellationToken);

    public Task DecideAsync(string reviewer, string token, CancellationToken cancellationToken) =>
        awards.DecideByLinkAsync(this.accounts[reviewer], new DecisionRequest(token, null), cancellationToken);

    public async Task<ApplicationStatus> StatusAsync(string applicant, string applicationId, CancellationToken cancellationToken)
    {
        StorageTraffic.Enter(TrafficScope.Observer);
        return (await awards.GetApplicationAsync(this.accounts[applicant], applicationId, cancellationToken)).Status;
    }

    public async Task<CycleRecord> CycleAsync(string admin, string cycleId, CancellationToken cancellationToken)
    {
        StorageTraffic.Enter(TrafficScope.Observer);
        return await awards.GetCycleAsync(this.accounts[admin], cycleId, cancellationToken);
    }

    public async Task<int> CountAsync(string admin, string cycleId, ApplicationStatus status, CancellationToken cancellationToken)
    {
        StorageTraffic.Enter(TrafficScope.Observer);
        return (await awards.ListApplicationsAsync(this.accounts[admin], cycleId, status, cancellationToken)).Count;
    }

    public Task CloseWindowAsync(string admin, string cycleId, CancellationToken cancellationToken) =>
        awards.CloseWindowAsync(this.accounts[admin], cycleId, cancellationToken);

    public Task ApproveFiscalAsync(string finance, string cycleId, CancellationToken cancellationToken) =>
        awards.ApproveFiscalAsync(this.accounts[finance], cycleId, AllocationRuleKind.ProRata, cancellationToken);

    public async Task<string> PaymentFileCsvAsync(string finance, string cycleId, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetString((await awards.GetPaymentFileAsync(this.accounts[finance], cycleId, "csv", cancellationToken)).Content);

    public async Task ImportConfirmationsAsync(string finance, string cycleId, string csv, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        await awards.ImportBankConfirmationsAsync(this.accounts[finance], cycleId, stream, cancellationToken);
    }

    public Task CloseCycleAsync(string admin, string cycleId, CancellationToken cancellationToken) =>
        awards.CloseCycleAsync(this.accounts[admin], cycleId, cancellationToken);

    private UserAccount Admin => this.accounts.Values.First(a => a.Has(Role.Administrator));
}
