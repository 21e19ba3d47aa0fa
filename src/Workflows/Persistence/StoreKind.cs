namespace LossSearch.Workflows.Persistence;

/// <summary>The databases the engine can keep its state in.</summary>
public enum StoreKind
{
    Sqlite,
    PostgreSql,
}
