using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LossSearch.Host.Web.Security;

/// <summary>
/// Declares in the OpenAPI document what the request gates (<see cref="RequestGates"/>) answer before
/// any endpoint runs, which endpoint metadata cannot say: on every state-changing operation 403 (foreign
/// origin), 413 (body above <c>Server:Limits:MaxBodyBytes</c>) and 415 (a body that is not JSON); and,
/// when this server has an API token, the bearer scheme and 401 on every <c>/api</c> operation.
/// </summary>
public sealed class GateResponsesInOpenApi(ServerSecurity security) : IOpenApiDocumentTransformer
{
    private const string Problem = "ProblemDetails", Bearer = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // ProblemDetails is among the components: the endpoints' own 404, 409 and 400 responses declare it.
        document.Components ??= new OpenApiComponents();
        if (security.Token is not null)
        {
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The server's API token (--api-token or LOSSSEARCH_API_TOKEN).",
            };
        }
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operation.Responses ??= new OpenApiResponses();
                if (method != HttpMethod.Get && method != HttpMethod.Head && method != HttpMethod.Options)
                {
                    Add(operation, "403", "Forbidden: the request's Origin is neither this server's nor the configured CORS origin", document);
                    Add(operation, "413", $"Content Too Large: the body is above {security.Limits.MaxBodyBytes:N0} bytes (Server:Limits:MaxBodyBytes)", document);
                    Add(operation, "415", "Unsupported Media Type: a request body must be application/json", document);
                }
                if (security.Token is not null && path.StartsWith("/api", StringComparison.Ordinal))
                {
                    Add(operation, "401", "Unauthorized: the request lacks the server's API token (Authorization: Bearer TOKEN)", document);
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] }];
                }
            }
        }
        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, string status, string description, OpenApiDocument document) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, document) },
            },
        });
}
