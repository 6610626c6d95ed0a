using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Features.Review;

/// <summary>What a decision link decides: one round of a department's review of an application, with an outcome.</summary>
internal sealed record DecisionLink(string ApplicationId, string DepartmentId, int Round, ReviewOutcome Outcome);
