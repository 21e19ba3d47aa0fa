using LossSearch.Workflows;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Runtime;
using Microsoft.AspNetCore.Http;

namespace LossSearch.Host.Web;

/// <summary>Problem-details answers shared by the workflow endpoints: 400 names the field, 404 the id, 409 the state.</summary>
internal static class ApiProblems
{
    public static IResult Invalid(WorkflowValidationException e) =>
        Results.ValidationProblem(e.Errors.GroupBy(x => x.Path).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray()),
            title: "The request is not valid", detail: e.Message);

    public static IResult Invalid(string field, string message) => Invalid(new WorkflowValidationException([new ValidationError(field, message)]));

    public static IResult NotFound(string what) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);

    public static IResult Conflict(string why) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: why);

    public static IResult Outcome(ControlOutcome outcome, string instanceId, string action, Func<IResult> done) => outcome switch
    {
        ControlOutcome.NotFound => NotFound($"unknown workflow instance '{instanceId}'"),
        ControlOutcome.Conflict => Conflict($"instance '{instanceId}' cannot be {action} in its current state"),
        _ => done(),
    };

    /// <summary>Runs <paramref name="action"/>, turning the engine's exceptions into problem details.</summary>
    public static async Task<IResult> Guard(Func<Task<IResult>> action)
    {
        try { return await action(); }
        catch (WorkflowValidationException e) { return Invalid(e); }
        catch (WorkflowNotFoundException e) { return NotFound(e.Message); }
        catch (WorkflowConflictException e) { return Conflict(e.Message); }
        // Kestrel's own limits, e.g. a chunked body past Server:Limits:MaxBodyBytes (413).
        catch (BadHttpRequestException e) { return Results.Problem(statusCode: e.StatusCode, title: "Bad request", detail: e.Message); }
    }

    public static bool TryPaging(int? page, int? pageSize, out int p, out int size, out IResult? problem)
    {
        p = page ?? 1;
        size = pageSize ?? 50;
        problem = p < 1 ? Invalid("page", "must be 1 or more")
            : size is < 1 or > 500 ? Invalid("pageSize", "must be between 1 and 500")
            : null;
        return problem is null;
    }
}
