using System.Text.Json.Serialization;

namespace LossSearch.Workflows;

/// <summary>One page of a list: items, 1-based page number (<c>page</c> in JSON), page size and the total count.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, [property: JsonPropertyName("page")] int PageNumber, int PageSize, int Total);
