using System.Text.Json;
using SupportShield.Bot.Access;
using SupportShield.Bot.OpsConsole.Contracts;
using SupportShield.Bot.Rules;
using SupportShield.Detection.Corpus;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Rules;

namespace SupportShield.Bot.OpsConsole;

/// <summary>
/// The ops API behind the ops console (<c>/ops</c>), ops keys or an ops console session only: the rules in force and their
/// text, validate and save a rules text, the test box, a dry run of candidate rules over a corpus, and counters by period.
/// </summary>
public static class OpsConsoleEndpoints
{
    private const int MaxExplainBytes = RulesEditor.MaxRulesBytes + 128 * 1024;
    private const int MaxDryRunBytes = 8 * 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the endpoints under <c>/api/ops</c>.</summary>
    public static IEndpointRouteBuilder MapOpsConsoleApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/ops").AddEndpointFilter(ApiKeyFilter.OpsApi());
        group.MapGet("/rules", GetRules);
        group.MapPost("/rules/validate", (Delegate)ValidateAsync);
        group.MapPut("/rules", SaveAsync);
        group.MapPost("/rules/dry-run", DryRunAsync);
        group.MapPost("/explain", ExplainAsync);
        group.MapGet("/counters", CountersAsync);
        return endpoints;
    }

    private static IResult GetRules(RulesProvider rules) =>
        Results.Ok(new
        {
            status = rules.Status,
            origin = rules.FilePath is null ? "bundled default" : "file",
            text = rules.TextInForce,
            saveTo = rules.SavePath,
        });

    private static async Task<IResult> ValidateAsync(HttpContext http)
    {
        var (yaml, problem) = await ReadRulesTextAsync(http.Request).ConfigureAwait(false);
        if (yaml is null)
        {
            return problem!;
        }

        var result = RulesEditor.Validate(yaml);
        return result.Succeeded
            ? Results.Ok(new { valid = true, errors = Array.Empty<RulesError>(), summary = Summary(result.Rules), sha256 = RulesText.Sha256(yaml) })
            : Results.Ok(new { valid = false, errors = result.Errors, summary = (object?)null, sha256 = RulesText.Sha256(yaml) });
    }

    private static async Task<IResult> SaveAsync(HttpContext http, RulesEditor editor, CancellationToken cancellationToken)
    {
        var (yaml, problem) = await ReadRulesTextAsync(http.Request).ConfigureAwait(false);
        if (yaml is null)
        {
            return problem!;
        }

        RulesSaveResult result;
        try
        {
            result = await editor.SaveAsync(yaml, await OpsActor.OfAsync(http).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status409Conflict);
        }

        return result.Saved
            ? Results.Ok(new { saved = true, path = result.Path, sha256 = result.Sha256, status = result.Status })
            : Results.Json(new { error = "The rules have errors; nothing was saved.", errors = result.Errors }, statusCode: StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ExplainAsync(HttpContext http, RuleTester tester)
    {
        var (body, problem) = await LimitedBody.ReadJsonAsync<ExplainBody>(http.Request, MaxExplainBytes).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > RuleTester.MaxTextLength)
        {
            return LimitedBody.BadRequest($"'text' is required: 1 to {RuleTester.MaxTextLength} characters.");
        }

        var role = MessageRole.Customer;
        if (body.Role is not null && !CorpusLineParser.TryParseRole(body.Role, out role))
        {
            return LimitedBody.BadRequest("'role' must be customer, agent or bot.");
        }

        DetectionEngine? candidate = null;
        if (body.Rules is not null)
        {
            var (engine, errors) = tester.Compile(body.Rules);
            if (engine is null)
            {
                return RulesErrors("The candidate rules have errors.", errors);
            }

            candidate = engine;
        }

        return Results.Ok(tester.Explain(body.Text, role, body.Verified ?? false, candidate, body.Rules));
    }

    private static async Task<IResult> DryRunAsync(HttpContext http, RuleTester tester, RulesDryRun dryRun, CancellationToken cancellationToken)
    {
        var (body, problem) = await LimitedBody.ReadJsonAsync<DryRunBody>(http.Request, MaxDryRunBytes).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(body.Rules))
        {
            return LimitedBody.BadRequest("'rules' (the candidate rules text) is required.");
        }

        if (string.IsNullOrWhiteSpace(body.Corpus))
        {
            return LimitedBody.BadRequest("'corpus' (JSON lines {\"id\", \"text\", \"role\"?}) is required.");
        }

        var (engine, errors) = tester.Compile(body.Rules);
        if (engine is null)
        {
            return RulesErrors("The candidate rules have errors.", errors);
        }

        var (lines, lineErrors, corpusProblem) = RulesDryRun.Parse(body.Corpus);
        if (corpusProblem is not null)
        {
            return Results.Json(new { error = corpusProblem, lineErrors }, statusCode: lineErrors.Count == 0 && corpusProblem.Contains("larger", StringComparison.Ordinal)
                ? StatusCodes.Status413PayloadTooLarge
                : StatusCodes.Status400BadRequest);
        }

        return Results.Ok(dryRun.Run(lines, engine, body.Rules, cancellationToken));
    }

    private static async Task<IResult> CountersAsync(string? period, OpsCounters counters, CancellationToken cancellationToken)
    {
        period = string.IsNullOrEmpty(period) ? "24h" : period;
        if (!OpsCounters.IsPeriod(period))
        {
            return LimitedBody.BadRequest($"'period' must be one of {string.Join(", ", OpsCounters.PeriodNames)}.");
        }

        return Results.Ok(await counters.GetAsync(period, cancellationToken).ConfigureAwait(false));
    }

    private static IResult RulesErrors(string message, IReadOnlyList<RulesError> errors) =>
        Results.Json(new { error = message, errors }, statusCode: StatusCodes.Status400BadRequest);

    private static object Summary(CompiledRules rules) => new
    {
        policyRows = rules.PolicyTable.Rules.Count,
        customRecognizers = rules.File.Recognizers.Count,
        denyTerms = rules.File.Deny.Count,
        disabledTypes = rules.DetectorOptions.DisabledTypes.Select(t => Detection.Entities.EntityTypeNames.ToCanonicalName(t)).Order(StringComparer.Ordinal).ToList(),
        threshold = rules.File.Threshold,
    };

    /// <summary>A rules text from a JSON body <c>{"yaml": "..."}</c> or a YAML / plain-text body.</summary>
    private static async Task<(string? Yaml, IResult? Problem)> ReadRulesTextAsync(HttpRequest request)
    {
        var (text, problem) = await LimitedBody.ReadTextAsync(request, RulesEditor.MaxRulesBytes + 1024).ConfigureAwait(false);
        if (text is null)
        {
            return (null, problem);
        }

        string? yaml = text;
        if (LimitedBody.IsJson(request))
        {
            try
            {
                yaml = JsonSerializer.Deserialize<RulesTextBody>(text, Json)?.Yaml;
            }
            catch (JsonException)
            {
                return (null, LimitedBody.BadRequest("The request body is not valid JSON; send {\"yaml\": \"...\"} or the YAML itself (Content-Type: application/yaml)."));
            }
        }

        if (string.IsNullOrWhiteSpace(yaml))
        {
            return (null, LimitedBody.BadRequest("The rules text is empty."));
        }

        return System.Text.Encoding.UTF8.GetByteCount(yaml) > RulesEditor.MaxRulesBytes
            ? (null, Results.Json(new { error = $"The rules text is larger than {RulesEditor.MaxRulesBytes / 1024} KB." }, statusCode: StatusCodes.Status413PayloadTooLarge))
            : (yaml, null);
    }
}
