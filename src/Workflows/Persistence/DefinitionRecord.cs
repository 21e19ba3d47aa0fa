namespace LossSearch.Workflows.Persistence;

/// <summary>One version of a definition. Drafts may be overwritten; published versions never change.</summary>
public sealed class DefinitionRecord
{
    public long Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public bool IsPublished { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}
