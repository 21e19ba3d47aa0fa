using System.Text.Json.Serialization;

namespace LossSearch.Workflows;

/// <summary>One page of a list: items, 1-based page number (<c>page</c> in JSON), page size and the total count.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, [property: JsonPropertyName("page")] int PageNumber, int PageSize, int Total);

/// <summary>Where a page starts.</summary>
public static class Paging
{
    /// <summary>
    /// The rows before 1-based page <paramref name="page"/>. Computed in 64 bits and capped: a page far
    /// past the end (say int.MaxValue, whose product overflows to a negative skip) is empty, not the first.
    /// </summary>
    public static int Offset(int page, int pageSize) => (int)Math.Min(int.MaxValue, Math.Max(0L, ((long)page - 1) * pageSize));
}
