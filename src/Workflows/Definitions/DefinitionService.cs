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

    /// <summary>
    /// Publishes <paramref name="definition"/> (a <c>workflows/*.json</c> file, or a file given to
    /// <c>run</c>) unless a published version already has its content, which is then returned: a file
    /// that has not changed publishes nothing, even when a person has published newer versions since.
    /// A person's draft is never overwritten: the new version is published under it and the draft
    /// moves up one version, so it stays the latest.
    /// </summary>
    public async Task<WorkflowDefinition> ImportAsync(WorkflowDefinition definition, CancellationToken cancellation = default)
    {
        validator.ThrowIfInvalid(definition);
        try
        {
            return await PublishImportedAsync(definition, cancellation);
        }
        catch (DbUpdateException)
        {
            // Another node imported the same file at the same moment and took the version number: it is published now.
            return await PublishImportedAsync(definition, cancellation);
        }
    }

    private async Task<WorkflowDefinition> PublishImportedAsync(WorkflowDefinition definition, CancellationToken cancellation)
    {
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var versions = await Latest(db, definition.DefinitionId).ToListAsync(cancellation);
        var same = versions.Where(v => v.IsPublished).Select(v => DefinitionJson.Parse(v.Json)).FirstOrDefault(v => SameContent(v, definition));
        if (same is not null) return same;
        var now = clock.GetUtcNow();
        int version = versions.Count == 0 ? 1 : versions[0].IsPublished ? versions[0].Version + 1 : versions[0].Version;
        if (versions is [{ IsPublished: false } draft, ..])
        {
            draft.Version = version + 1;
            draft.Json = DefinitionJson.Serialize(DefinitionJson.Parse(draft.Json) with { Version = draft.Version });
            await db.SaveChangesAsync(cancellation);
            _parsed.TryRemove((definition.DefinitionId, version), out _);
        }
        var published = definition with { Version = version, IsPublished = true };
        db.Definitions.Add(new DefinitionRecord
        {
            DefinitionId = published.DefinitionId, Version = version, Name = published.Name, IsPublished = true,
            Json = DefinitionJson.Serialize(published), CreatedAt = now, PublishedAt = now,
        });
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return published;
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
