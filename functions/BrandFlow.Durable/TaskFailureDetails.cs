using System.Text.Json.Serialization;

namespace BrandFlow.Durable;

/// <summary>Serializable description of a failure: exception type, message, stack trace and inner failure.</summary>
/// <param name="ErrorType">Full name of the exception type that caused the failure.</param>
/// <param name="ErrorMessage">Message of the exception.</param>
/// <param name="StackTrace">Stack trace of the exception, if available.</param>
/// <param name="InnerFailure">Details of the inner exception, if any.</param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Builds failure details from an exception and its inner exceptions.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <summary>Returns true when the failure (not its inner failures) was caused by <typeparamref name="T"/> or a type named the same.</summary>
    public bool IsCausedBy<T>()
        where T : Exception => string.Equals(ErrorType, typeof(T).FullName, StringComparison.Ordinal);

    /// <summary>Returns a one-line rendering: type and message.</summary>
    [JsonIgnore]
    public string Summary => $"{ErrorType}: {ErrorMessage}";

    /// <inheritdoc />
    public override string ToString() => Summary;
}
