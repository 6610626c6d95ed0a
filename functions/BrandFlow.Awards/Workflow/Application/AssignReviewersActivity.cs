using System.Security.Cryptography;
using System.Text;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// Picks one reviewer per department: the department's reviewers sorted by email, indexed by a hash of the application
/// id, so the choice is deterministic and spreads applications over reviewers. A department without a reviewer fails
/// the activity with a bilingual message (an administrator must add one; the retry policy waits for it).
/// </summary>
public sealed class AssignReviewersActivity(IDirectory directory, ILogger<AssignReviewersActivity> logger) : TaskActivity<ReviewerPick, IReadOnlyDictionary<string, string>>
{
    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, string>> RunAsync(TaskActivityContext context, ReviewerPick input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var picks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var department in input.Departments)
        {
            var reviewers = await directory.ListStaffAsync(Role.Reviewer, department, CancellationToken.None);
            if (reviewers.Count == 0)
            {
                WorkflowLog.NoReviewer(logger, department, input.ApplicationId);
                throw new InvalidOperationException($"部门 {department} 没有审核人员 / department {department} has no reviewer");
            }

            var sorted = reviewers.Select(r => r.Email).Order(StringComparer.Ordinal).ToList();
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input.ApplicationId));
            picks[department] = sorted[(int)(BitConverter.ToUInt32(hash, 0) % (uint)sorted.Count)];
        }

        return picks;
    }
}
