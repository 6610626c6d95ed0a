using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>The check shared by the application use cases: the application's step.</summary>
internal static class ApplicationSteps
{
    /// <summary>Refuses unless the application is at the expected step.</summary>
    public static void RequireStatus(ApplicationRecord application, ApplicationStatus expected, string stepZh, string stepEn)
    {
        if (application.Status != expected)
        {
            throw AwardsErrors.WrongState($"该申报当前不在{stepZh}阶段（当前：{application.Status}）", $"The application is not at the {stepEn} step (now: {application.Status})");
        }
    }
}
