namespace LossSearch.Workflows.Tests.Support;

/// <summary>Theory data: every store test runs on both providers.</summary>
public static class Stores
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    public static TheoryData<string> Both => new() { Sqlite, PostgreSql };
}
