namespace BrandFlow.Awards.Mail;

/// <summary>One kind's wording: subject and body in Chinese and English. Body lines are paragraphs; {name} is a placeholder.</summary>
internal sealed record MailTemplate(string SubjectZh, string SubjectEn, string BodyZh, string BodyEn);

/// <summary>
/// The wording of every email, kept as data in one place. Placeholders are filled from the caller's values:
/// {x} takes "x.zh" in the Chinese text and "x.en" in the English text when given, else "x", else the other language's.
/// </summary>
internal static class MailTemplates
{
    /// <summary>Template per kind.</summary>
    public static readonly IReadOnlyDictionary<MailKind, MailTemplate> ByKind = new Dictionary<MailKind, MailTemplate>
    {
        [MailKind.SignIn] = new(
            "BrandFlow 登录链接",
            "Your BrandFlow sign-in link",
            "您好：\n请点击下方按钮登录 BrandFlow。链接 {expiresInMinutes} 分钟内有效，只能使用一次。\n如果不是您本人申请登录，请忽略此邮件。",
            "Hello,\nUse the sign-in button to open BrandFlow. The link is valid for {expiresInMinutes} minutes and works once.\nIf you did not ask to sign in, ignore this message."),
        [MailKind.CycleOpened] = new(
            "{cycleName} 开始受理申报",
            "{cycleName} is open for applications",
            "您好：\n{cycleName} 已开始受理申报，申报期为 {windowOpens} 至 {windowCloses}。\n请在截止日前通过 BrandFlow 提交申报材料。",
            "Hello,\n{cycleName} is open for applications from {windowOpens} to {windowCloses}.\nPlease submit your application in BrandFlow before the deadline."),
        [MailKind.DeadlineReminder] = new(
            "{cycleName} 申报即将截止",
            "{cycleName}: the application deadline is near",
            "您好：\n{cycleName} 的申报将于 {windowCloses} 截止，剩余 {daysLeft} 个工作日。\n尚未提交的申报请尽快完成。",
            "Hello,\nApplications for {cycleName} close on {windowCloses}, in {daysLeft} working days.\nPlease finish any application you have not submitted yet."),
        [MailKind.ApplicationReceived] = new(
            "申报已受理：{applicationId}",
            "Application received: {applicationId}",
            "您好：\n{applicantName} 的申报 {applicationId}（{cycleName}）已收到。\n申报事项：{clauses}\n预计奖励金额：{estimate} 元（以最终审核结果为准）。",
            "Hello,\nThe application {applicationId} of {applicantName} ({cycleName}) has been received.\nClaims: {clauses}\nEstimated award: CNY {estimate} (subject to review)."),
        [MailKind.ClerkCheckRequested] = new(
            "待材料审核：{applicationId}",
            "Document check waiting: {applicationId}",
            "您好：\n{applicantName} 的申报 {applicationId} 已通过自动检查，等待您确认材料。\n自动检查提示：{flags}",
            "Hello,\nThe application {applicationId} of {applicantName} passed the automatic checks and waits for your confirmation.\nAutomatic check notes: {flags}"),
        [MailKind.CorrectionRequested] = new(
            "申报材料需要补正：{applicationId}",
            "Corrections needed: {applicationId}",
            "您好：\n您的申报 {applicationId} 存在以下问题：\n{defects}\n请在 {deadline} 前补正，逾期未补正的申报将失效。",
            "Hello,\nYour application {applicationId} has these defects:\n{defects}\nPlease correct them by {deadline}; an application not corrected by then lapses."),
        [MailKind.ApplicationLapsed] = new(
            "申报已失效：{applicationId}",
            "Application lapsed: {applicationId}",
            "您好：\n您的申报 {applicationId} 未在 {deadline} 前补正，已失效。\n如有疑问，请联系受理部门。",
            "Hello,\nYour application {applicationId} was not corrected by {deadline} and has lapsed.\nPlease contact the receiving office with any questions."),
        [MailKind.ReviewRequested] = new(
            "请审核申报：{applicationId}",
            "Review requested: {applicationId}",
            "您好：\n{applicantName} 的申报 {applicationId} 已分配给{department}审核（第 {round} 轮）。\n申报事项：{clauses}\n请通过下方按钮作出决定，每个按钮会先打开确认页面。链接于 {expiresAt} 失效，仅能使用一次，仅限您本人使用。",
            "Hello,\nThe application {applicationId} of {applicantName} is assigned to {department} for review (round {round}).\nClaims: {clauses}\nDecide with the buttons; each opens a confirmation page first. The links expire at {expiresAt}, work once and only for you."),
        [MailKind.ReviewReminder] = new(
            "审核提醒：{applicationId}",
            "Review reminder: {applicationId}",
            "您好：\n{applicantName} 的申报 {applicationId} 已等待{department}审核 {waitingDays} 个工作日，请尽快处理。",
            "Hello,\nThe application {applicationId} of {applicantName} has waited {waitingDays} working days for review by {department}. Please decide soon."),
        [MailKind.ReviewEscalated] = new(
            "审核超时上报：{applicationId}",
            "Review escalated: {applicationId}",
            "您好：\n{applicantName} 的申报 {applicationId} 已等待{department}审核人 {reviewer} 处理 {waitingDays} 个工作日，现上报给您。\n您可以督办或由管理员重新指派审核人。",
            "Hello,\nThe application {applicationId} of {applicantName} has waited {waitingDays} working days for {reviewer} of {department}, and is escalated to you.\nYou can follow it up or have an administrator reassign it."),
        [MailKind.InformationRequested] = new(
            "请补充信息：{applicationId}",
            "More information requested: {applicationId}",
            "您好：\n{department}审核您的申报 {applicationId} 时需要补充以下信息：\n{question}\n请通过下方按钮提交补充材料。",
            "Hello,\n{department} needs more information to review your application {applicationId}:\n{question}\nPlease answer with the button."),
        [MailKind.ReviewOutcome] = new(
            "审核结果：{applicationId}",
            "Review result: {applicationId}",
            "您好：\n{department}对您的申报 {applicationId} 的审核结果：{outcome}。\n说明：{reason}",
            "Hello,\nThe review of your application {applicationId} by {department}: {outcome}.\nNote: {reason}"),
        [MailKind.FiscalApprovalRequested] = new(
            "待财政审批：{cycleName}",
            "Fiscal approval waiting: {cycleName}",
            "您好：\n{cycleName} 的审核已完成，批次 {batchId} 共 {applicationCount} 件申报、拟奖励 {totalAmount} 元，等待财政审批。\n超出预算时请选择分配规则并先查看模拟结果。",
            "Hello,\nReviews for {cycleName} are done: batch {batchId} holds {applicationCount} applications and CNY {totalAmount} of awards, waiting for fiscal approval.\nWhere demand exceeds a budget, pick an allocation rule and check the simulated result first."),
        [MailKind.FiscalOutcome] = new(
            "财政审批结果：{applicationId}",
            "Fiscal approval result: {applicationId}",
            "您好：\n您的申报 {applicationId} 的财政审批结果：{outcome}。\n核定金额：{amount} 元。",
            "Hello,\nFiscal approval of your application {applicationId}: {outcome}.\nAmount granted: CNY {amount}."),
        [MailKind.NoticePublished] = new(
            "公示开始：{cycleName}",
            "Public notice opened: {cycleName}",
            "您好：\n您的申报 {applicationId} 已列入 {cycleName} 拟奖励名单，公示期为 {noticeFrom} 至 {noticeTo}，拟奖励金额 {amount} 元。\n公示期内无异议的，将按规定拨付奖励资金。",
            "Hello,\nYour application {applicationId} is on the proposed award list of {cycleName}, published from {noticeFrom} to {noticeTo}, for CNY {amount}.\nWithout objections during the notice, the award is paid as provided."),
        [MailKind.ObjectionFiled] = new(
            "公示期收到异议：{applicationId}",
            "Objection filed: {applicationId}",
            "您好：\n申报 {applicationId} 在公示期内于 {filedAt} 收到异议，相关奖励暂缓拨付并退回审核。\n异议内容：{reason}",
            "Hello,\nAn objection to application {applicationId} was filed at {filedAt} during the public notice; the award is held and returns to review.\nObjection: {reason}"),
        [MailKind.PayoutIssued] = new(
            "奖励资金已提交拨付：{applicationId}",
            "Payment issued: {applicationId}",
            "您好：\n您的申报 {applicationId} 的奖励资金 {amount} 元已提交财政拨付，支付参考号 {reference}。\n银行确认到账后将另行通知。",
            "Hello,\nThe award of CNY {amount} for your application {applicationId} has been sent for payment, reference {reference}.\nYou will be told when the bank confirms it."),
        [MailKind.PaymentConfirmed] = new(
            "奖励资金已到账：{applicationId}",
            "Payment confirmed: {applicationId}",
            "您好：\n银行已确认：您的申报 {applicationId} 的奖励资金 {amount} 元已于 {paidOn} 支付，支付参考号 {reference}。",
            "Hello,\nThe bank confirmed that the award of CNY {amount} for your application {applicationId} was paid on {paidOn}, reference {reference}."),
        [MailKind.PaymentFailed] = new(
            "奖励资金拨付未成功：{applicationId}",
            "Payment returned: {applicationId}",
            "您好：\n银行退回了您的申报 {applicationId} 的奖励资金 {amount} 元（支付参考号 {reference}），原因：{bankMessage}。\n请核对开户银行和账号，如有变更请告知主管部门；财政部门核实后将重新支付，到账后另行通知。",
            "Hello,\nThe bank returned the award of CNY {amount} for your application {applicationId} (reference {reference}). Reason: {bankMessage}.\nPlease check your bank and account number and tell the department of any change; finance will pay again and you will be told when the bank confirms it."),
        [MailKind.CycleReport] = new(
            "年度报告：{cycleName}",
            "Cycle report: {cycleName}",
            "您好：\n{cycleName} 已结束，汇总如下：\n{summary}",
            "Hello,\n{cycleName} has ended. Summary:\n{summary}"),
    };

    /// <summary>Closing line of every message.</summary>
    public const string FooterZh = "此邮件由 BrandFlow 自动发送，请勿直接回复。";

    /// <summary>Closing line of every message (English).</summary>
    public const string FooterEn = "This message was sent automatically by BrandFlow; please do not reply to it.";

    /// <summary>Heading of the plain list of links (for mail readers without buttons).</summary>
    public const string LinksHeading = "如果按钮无法点击，请复制以下链接到浏览器打开 / If a button does not work, copy its link into your browser:";
}
