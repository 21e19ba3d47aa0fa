namespace LossSearch.Workflows.Persistence;

/// <summary>
/// The store's one identity row, written by the first migration: the Quartz scheduler name every
/// node of this store uses. Kept in the database, so a moved file or a share mounted elsewhere is
/// still the same scheduler, and two stores in one process never share one.
/// </summary>
public sealed class StoreIdentityRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; }
    public required string SchedulerName { get; set; }
}
