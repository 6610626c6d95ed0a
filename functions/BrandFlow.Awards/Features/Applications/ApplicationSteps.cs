using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>Checks shared by the application use cases: the application's step and the applicant's own application.</summary>
internal static class ApplicationSteps
{
    /// <summary>The application, when the actor's firm submitted it.</summary>
    public static async Task<ApplicationRecord> OwnApplicationAsync(AwardsContext context, UserAccount who, string applicationId, CancellationToken cancellationToken)
    {
        var application = await context.VisibleApplicationAsync(who, applicationId, cancellationToken);
        return AccessRules.IsOwner(who, application)
            ? application
            : throw AwardsErrors.Forbidden("只有申报单位可以执行此操作", "Only the applicant can do this");
    }

    /// <summary>Refuses unless the application is at the expected step.</summary>
    public static void RequireStatus(ApplicationRecord application, ApplicationStatus expected, string stepZh, string stepEn)
    {
        if (application.Status != expected)
        {
            throw AwardsErrors.WrongState($"该申报当前不在{stepZh}阶段（当前：{application.Status}）", $"The application is not at the {stepEn} step (now: {application.Status})");
        }
    }
}
