using System.CommandLine;
using BrandFlow.Awards.Model;

namespace BrandFlow.Cli;

/// <summary>
/// The command line: <c>brandflow evaluate|load-policies|open-cycle|add-account|seed-demo</c>. Settings come from the environment
/// (BrandFlowStorage, BrandFlow__…) and from <c>--set key=value</c>, which wins. Exit codes: 0 done, 1 a failure
/// (told on stderr, no stack trace), 2 invalid input or a refusal.
/// </summary>
public static class CliProgram
{
    /// <summary>Exit code of invalid input and refusals.</summary>
    public const int InvalidInput = 2;

    /// <summary>Exit code of any other failure.</summary>
    public const int Failed = 1;

    /// <summary>Runs the command line on the console.</summary>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.In, Console.Out, Console.Error);

    /// <summary>Parses and runs one command line with the given streams (tests call this in-process).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var set = new Option<string[]>("--set", "-s")
        {
            Description = "配置项 key=value（覆盖环境变量），可重复 / A setting key=value (overrides the environment); repeatable",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
            Recursive = true,
        };
        var policies = new Option<DirectoryInfo?>("--policies")
        {
            Description = "政策目录文件夹（默认：仓库的 policies/） / Folder of the reviewed catalog files (default: the repository's policies/)",
            Recursive = true,
        };
        Argument<string> Input(string zh, string en) => new("file")
        {
            Description = $"{zh}；“-”或省略表示标准输入 / {en}; \"-\" or none reads standard input",
            DefaultValueFactory = _ => "-",
        };

        var evaluateInput = Input("评估请求 JSON 文件", "The evaluation request JSON file");
        var evaluate = new Command("evaluate", "按政策目录计算奖励并说明每一条款 / Evaluates awards against the catalog, clause by clause") { evaluateInput };
        evaluate.SetAction((result, token) => PolicyVerbs.EvaluateAsync(
            result.GetValue(evaluateInput)!, Settings(result.GetValue(set)), result.GetValue(policies), stdin, stdout, stderr, token));

        var load = new Command("load-policies", "校验政策文件并写入表存储（可重复运行） / Validates the catalog files and writes them into Table Storage (idempotent)");
        load.SetAction((result, token) => PolicyVerbs.LoadPoliciesAsync(Settings(result.GetValue(set)), result.GetValue(policies), stdout, stderr, token));

        var cycleInput = Input("申报年度 JSON 文件（同 POST /api/cycles）", "The cycle JSON file (as POST /api/cycles)");
        var openCycle = new Command("open-cycle", "校验并开启申报年度 / Validates and opens an award cycle") { cycleInput };
        openCycle.SetAction((result, token) => AwardVerbs.OpenCycleAsync(result.GetValue(cycleInput)!, Settings(result.GetValue(set)), stdin, stdout, stderr, token));

        var seedDemo = new Command("seed-demo", "登记演示企业和账户并开启演示年度（可重复运行；仅用于本地） / Seeds the demo firm, accounts and cycle (idempotent; local use only)");
        seedDemo.SetAction((result, token) => AwardVerbs.SeedDemoAsync(Settings(result.GetValue(set)), stdout, stderr, token));

        var addAccount = AccountCommand(set, stdout, stderr);

        var root = new RootCommand("BrandFlow 命令行 / BrandFlow command line") { evaluate, load, openCycle, addAccount, seedDemo };
        root.Options.Add(set);
        root.Options.Add(policies);

        var parsed = root.Parse(args);
        if (parsed.GetValue(set) is { } pairs && pairs.FirstOrDefault(p => !p.Contains('=', StringComparison.Ordinal)) is { } bad)
        {
            await stderr.WriteLineAsync($"--set 须为 key=value：“{bad}” / --set must be key=value: \"{bad}\"").ConfigureAwait(false);
            return InvalidInput;
        }

        try
        {
            var exit = await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);

            // A command line that does not parse (unknown verb, missing option) is invalid input: its errors and the
            // usage were written to stderr.
            return parsed.Errors.Count > 0 ? InvalidInput : exit;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a verb did not handle is told in one line; the stack trace stays out of the operator's terminal.
            await stderr.WriteLineAsync($"命令失败 / the command failed: {CliText.Message(ex)}").ConfigureAwait(false);
            return Failed;
        }
    }

    /// <summary>
    /// `add-account email --name --role [--role] [--department] [--jurisdiction] [--credit-code]`: how the first
    /// administrator of a new deployment gets an account (later ones are added through <c>PUT /api/accounts/{email}</c>).
    /// </summary>
    private static Command AccountCommand(Option<string[]> set, TextWriter stdout, TextWriter stderr)
    {
        var email = new Argument<string>("email") { Description = "登录邮箱 / The sign-in email address" };
        var name = new Option<string>("--name") { Description = "姓名 / Display name", Required = true };
        var roles = new Option<Role[]>("--role")
        {
            Description = "角色（可重复）：Applicant、Clerk、Reviewer、DepartmentHead、Finance、Administrator / Role (repeatable)",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var department = new Option<string?>("--department") { Description = "审核部门编号（审核人员、部门负责人） / Department id (reviewers, department heads)" };
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "辖区代码，如 421223 / Jurisdiction code, e.g. 421223" };
        var creditCode = new Option<string?>("--credit-code") { Description = "企业统一社会信用代码（申报单位经办人） / The firm's credit code (applicants)" };
        var command = new Command("add-account", "登记或更新账户，例如新部署的第一位管理员 / Registers or updates an account, e.g. a new deployment's first administrator")
        {
            email, name, roles, department, jurisdiction, creditCode,
        };
        command.SetAction((result, token) => AwardVerbs.AddAccountAsync(
            new UserAccount(
                result.GetValue(email)!,
                result.GetValue(name)!,
                result.GetValue(roles) ?? [],
                result.GetValue(department),
                result.GetValue(creditCode),
                result.GetValue(jurisdiction)),
            Settings(result.GetValue(set)),
            stdout,
            stderr,
            token));
        return command;
    }

    private static Dictionary<string, string?> Settings(string[]? pairs) =>
        (pairs ?? []).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Replace("__", ":", StringComparison.Ordinal), p => (string?)p[1], StringComparer.OrdinalIgnoreCase);
}
