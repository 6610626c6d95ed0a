using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>Reads the cycle's applications from the read model: how many are in a phase and which have not settled it.</summary>
public sealed class CountSettlementActivity(IApplicationStore store) : TaskActivity<SettlementWatch, SettlementCount>
{
    private static readonly HashSet<ApplicationStatus> InReviewPhase =
        [ApplicationStatus.Submitted, ApplicationStatus.AwaitingClerk, ApplicationStatus.AwaitingCorrection, ApplicationStatus.InReview, ApplicationStatus.AwaitingInformation];

    private static readonly HashSet<ApplicationStatus> InPaymentPhase =
        [ApplicationStatus.AwaitingFiscalApproval, ApplicationStatus.InPublicNotice, ApplicationStatus.Objected, ApplicationStatus.PayoutIssued];

    /// <inheritdoc />
    public override async Task<SettlementCount> RunAsync(TaskActivityContext context, SettlementWatch input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var applications = await store.ListByCycleAsync(input.CycleId, cancellationToken: CancellationToken.None);
        if (input.Phase == SettlementPhases.Review)
        {
            return new SettlementCount(applications.Count, applications.Where(a => InReviewPhase.Contains(a.Status)).Select(a => a.ApplicationId).ToList());
        }

        // The payment phase holds the applications fiscal approval granted something to.
        var paying = applications.Where(a => a.Awards.Any(w => w.ApprovedAmount > 0)).ToList();
        return new SettlementCount(paying.Count, paying.Where(a => InPaymentPhase.Contains(a.Status)).Select(a => a.ApplicationId).ToList());
    }
}

/// <summary>Phases a cycle waits for its applications to settle.</summary>
public static class SettlementPhases
{
    /// <summary>Document check and departmental review.</summary>
    public const string Review = "review";

    /// <summary>Notice, objections and payment.</summary>
    public const string Payment = "payment";
}
