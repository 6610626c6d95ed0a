namespace BrandFlow.Policy.Calculation;

/// <summary>One problem with an evaluation request, naming the field (JSON path) in Chinese and English.</summary>
public sealed record InputError(string Field, string Message);

/// <summary>Thrown when an evaluation request is invalid; nothing has been evaluated.</summary>
public sealed class EvaluationInputException(IReadOnlyList<InputError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<InputError> Errors { get; } = errors;
}
