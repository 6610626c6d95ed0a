namespace BrandFlow.Awards.Services;

/// <summary>One invalid field of a request, in both languages.</summary>
/// <param name="Field">Path of the field (e.g. "claims[0].evidenceFileIds[1]").</param>
/// <param name="MessageZh">Message in Chinese.</param>
/// <param name="MessageEn">Message in English.</param>
public sealed record FieldError(string Field, string MessageZh, string MessageEn);

/// <summary>
/// A refusal of the award service: a stable code, the HTTP status it maps to and a message in both languages, plus
/// the invalid fields. Thrown before anything is written, so a refused command leaves no trace but its refusal.
/// </summary>
public sealed class AwardsException : Exception
{
    /// <summary>Creates a refusal.</summary>
    public AwardsException(string code, int statusCode, string messageZh, string messageEn, string? field = null, IReadOnlyList<FieldError>? errors = null)
        : base($"{messageZh} / {messageEn}")
    {
        this.Code = code;
        this.StatusCode = statusCode;
        this.MessageZh = messageZh;
        this.MessageEn = messageEn;
        this.Field = field;
        this.Errors = errors ?? (field is null ? [] : [new FieldError(field, messageZh, messageEn)]);
    }

    /// <summary>Creates an empty refusal (serialization and analyzers).</summary>
    public AwardsException()
        : this("error", 500, "出错了", "error")
    {
    }

    /// <summary>Creates a refusal from a message.</summary>
    public AwardsException(string message)
        : this("error", 500, message, message)
    {
    }

    /// <summary>Creates a refusal wrapping an inner exception.</summary>
    public AwardsException(string message, Exception innerException)
        : base(message, innerException)
    {
        this.Code = "error";
        this.StatusCode = 500;
        this.MessageZh = message;
        this.MessageEn = message;
        this.Errors = [];
    }

    /// <summary>Stable code (not-signed-in, forbidden, not-found, invalid, forwarded-link, link-used, ...).</summary>
    public string Code { get; }

    /// <summary>HTTP status: 400, 401, 403, 404, 409 or 410.</summary>
    public int StatusCode { get; }

    /// <summary>Message in Chinese.</summary>
    public string MessageZh { get; }

    /// <summary>Message in English.</summary>
    public string MessageEn { get; }

    /// <summary>The field concerned, when one.</summary>
    public string? Field { get; }

    /// <summary>Every invalid field.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}

/// <summary>The refusals the service raises, in one place so codes and messages stay consistent.</summary>
public static class AwardsErrors
{
    /// <summary>No one is signed in.</summary>
    public static AwardsException NotSignedIn() =>
        new("not-signed-in", 401, "请先登录", "Please sign in first");

    /// <summary>Signed in, but the role or ownership does not allow it.</summary>
    public static AwardsException Forbidden(string zh = "您无权执行此操作", string en = "You are not allowed to do this") =>
        new("forbidden", 403, zh, en);

    /// <summary>Nothing with that id (or nothing the actor may see: the same answer, so ids do not leak).</summary>
    public static AwardsException NotFound(string kindZh, string kindEn, string id) =>
        new("not-found", 404, $"未找到{kindZh}“{id}”", $"No {kindEn} '{id}'");

    /// <summary>One invalid field.</summary>
    public static AwardsException Invalid(string field, string zh, string en) =>
        new("invalid", 400, zh, en, field);

    /// <summary>Several invalid fields.</summary>
    public static AwardsException Invalid(IReadOnlyList<FieldError> errors) =>
        new("invalid", 400, "请求无效：" + string.Join("；", errors.Select(e => $"{e.Field}: {e.MessageZh}")),
            "Invalid request: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.MessageEn}")), errors.Count == 1 ? errors[0].Field : null, errors);

    /// <summary>The subject is not in a state that allows the command.</summary>
    public static AwardsException WrongState(string zh, string en) =>
        new("wrong-state", 409, zh, en);
}
