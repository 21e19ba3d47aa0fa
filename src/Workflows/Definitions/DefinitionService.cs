using System.Collections.Concurrent;
using LossSearch.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Definitions;

/// <summary>
/// Definitions in the store. Saving creates a draft (or overwrites the current draft); publishing
/// freezes the draft as a version; instances always run a published version, recorded exactly.
/// </summary>
public sealed class DefinitionService(StoreContextFactory store, DefinitionValidator validator, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string, int), WorkflowDefinition> _parsed = new();

    /// <summary>Validates and stores <paramref name="definition"/> as the definition's draft; returns it with its version.</summary>
    public async Task<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellation = default)
    {
        validator.ThrowIfInvalid(definition);
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var latest = await Latest(db, definition.DefinitionId).FirstOrDefaultAsync(cancellation);
        int version = latest is null ? 1 : latest.IsPublished ? latest.Version + 1 : latest.Version;
        var draft = definition with { Version = version, IsPublished = false };
        if (latest is { IsPublished: false })
        {
            latest.Json = DefinitionJson.Serialize(draft);
            latest.Name = draft.Name;
            latest.CreatedAt = clock.GetUtcNow();
        }
        else
        {
            db.Definitions.Add(new DefinitionRecord
            {
                DefinitionId = draft.DefinitionId, Version = version, Name = draft.Name,
                Json = DefinitionJson.Serialize(draft), CreatedAt = clock.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        _parsed.TryRemove((draft.DefinitionId, version), out _);
        return draft;
    }

    /// <summary>
    /// Validates and publishes the current draft (a draft stored before a rule existed is checked again);
    /// publishing an already published latest version returns it unchanged. Null when unknown.
    /// </summary>
    public async Task<WorkflowDefinition?> PublishAsync(string definitionId, CancellationToken cancellation = default)
    {
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var latest = await Latest(db, definitionId).FirstOrDefaultAsync(cancellation);
        if (latest is null) return null;
        if (!latest.IsPublished)
        {
            validator.ThrowIfInvalid(DefinitionJson.Parse(latest.Json));
            latest.IsPublished = true;
            latest.PublishedAt = clock.GetUtcNow();
            latest.Json = DefinitionJson.Serialize(DefinitionJson.Parse(latest.Json) with { IsPublished = true });
            await db.SaveChangesAsync(cancellation);
        }
        await transaction.CommitAsync(cancellation);
        return DefinitionJson.Parse(latest.Json);
    }

    /// <summary>Saves and publishes in one go, unless the latest published version is already identical (then that one is returned).</summary>
    public async Task<WorkflowDefinition> ImportAsync(WorkflowDefinition definition, CancellationToken cancellation = default)
    {
        validator.ThrowIfInvalid(definition);
        var published = await GetPublishedAsync(definition.DefinitionId, cancellation);
        if (published is not null && SameContent(published, definition)) return published;
        await SaveDraftAsync(definition, cancellation);
        return (await PublishAsync(definition.DefinitionId, cancellation))!;
    }

    /// <summary>The latest version (draft or published), or a given version.</summary>
    public async Task<WorkflowDefinition?> GetAsync(string definitionId, int? version = null, CancellationToken cancellation = default)
    {
        await using var db = store.Create();
        var query = version is int v
            ? db.Definitions.Where(d => d.DefinitionId == definitionId && d.Version == v)
            : Latest(db, definitionId);
        var record = await query.AsNoTracking().FirstOrDefaultAsync(cancellation);
        return record is null ? null : DefinitionJson.Parse(record.Json);
    }

    public async Task<WorkflowDefinition?> GetPublishedAsync(string definitionId, CancellationToken cancellation = default)
    {
        await using var db = store.Create();
        var record = await Latest(db, definitionId).Where(d => d.IsPublished).AsNoTracking().FirstOrDefaultAsync(cancellation);
        return record is null ? null : DefinitionJson.Parse(record.Json);
    }

    /// <summary>The exact version an instance runs; published versions never change, so they are cached.</summary>
    public async Task<WorkflowDefinition> GetVersionAsync(string definitionId, int version, CancellationToken cancellation = default)
    {
        if (_parsed.TryGetValue((definitionId, version), out var cached)) return cached;
        var definition = await GetAsync(definitionId, version, cancellation)
            ?? throw new InvalidOperationException($"Definition {definitionId} version {version} is missing from the store.");
        if (definition.IsPublished) _parsed[(definitionId, version)] = definition;
        return definition;
    }

    /// <summary>The latest version of each definition, by id, one page at a time.</summary>
    public async Task<Page<DefinitionSummary>> ListAsync(int page, int pageSize, CancellationToken cancellation = default)
    {
        await using var db = store.Create();
        var latest = db.Definitions.Where(d => d.Version == db.Definitions.Where(o => o.DefinitionId == d.DefinitionId).Max(o => o.Version));
        int total = await latest.CountAsync(cancellation);
        var items = await latest.OrderBy(d => d.DefinitionId).Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(d => new DefinitionSummary(d.DefinitionId, d.Version, d.Name, d.IsPublished,
                db.Definitions.Where(o => o.DefinitionId == d.DefinitionId && o.IsPublished).Max(o => (int?)o.Version)))
            .ToListAsync(cancellation);
        return new Page<DefinitionSummary>(items, page, pageSize, total);
    }

    /// <summary>Every stored version of a definition, newest first (the draft, if any, is the first); empty when unknown.</summary>
    public async Task<IReadOnlyList<DefinitionVersionSummary>> ListVersionsAsync(string definitionId, CancellationToken cancellation = default)
    {
        await using var db = store.Create();
        var rows = await Latest(db, definitionId).AsNoTracking()
            .Select(d => new DefinitionVersionSummary(d.Version, d.Name, d.IsPublished, d.CreatedAt, d.PublishedAt)).ToListAsync(cancellation);
        return rows;
    }

    private static IQueryable<DefinitionRecord> Latest(WorkflowDbContext db, string definitionId) =>
        db.Definitions.Where(d => d.DefinitionId == definitionId).OrderByDescending(d => d.Version);

    private static bool SameContent(WorkflowDefinition a, WorkflowDefinition b) =>
        DefinitionJson.Serialize(a with { Version = 0, IsPublished = false }) == DefinitionJson.Serialize(b with { Version = 0, IsPublished = false });
}

public sealed record DefinitionVersionSummary(int Version, string Name, bool IsPublished, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

public sealed record DefinitionSummary(string DefinitionId, int Version, string Name, bool IsPublished, int? PublishedVersion);
