using LossSearch.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Tests.Support;

/// <summary>
/// A real fault in Quartz's job store: a database trigger that rejects storing the jobs whose name ends
/// with a suffix, so that queueing them fails inside the engine exactly as a store error would.
/// Dispose to lift it.
/// </summary>
public sealed class QuartzFault : IAsyncDisposable
{
    private readonly StoreContextFactory _store;

    private QuartzFault(StoreContextFactory store) => _store = store;

    public static async Task<QuartzFault> RejectJobsEndingWithAsync(StoreLocation location, string suffix)
    {
        var fault = new QuartzFault(new StoreContextFactory(location));
        await using var db = fault._store.Create();
        string pattern = "%" + suffix.Replace("'", "''", StringComparison.Ordinal);
        string sql = location.IsClustered
            ? $"""
                CREATE FUNCTION reject_jobs() RETURNS trigger AS $$ BEGIN
                  IF NEW.job_name LIKE '{pattern}' THEN RAISE EXCEPTION 'injected fault: job store rejects %', NEW.job_name; END IF;
                  RETURN NEW; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER reject_jobs BEFORE INSERT ON qrtz_job_details FOR EACH ROW EXECUTE FUNCTION reject_jobs();
                """
            : $"""
                CREATE TRIGGER reject_jobs BEFORE INSERT ON qrtz_job_details WHEN NEW.job_name LIKE '{pattern}'
                BEGIN SELECT RAISE(ABORT, 'injected fault: job store rejects the job'); END;
                """;
        await db.Database.ExecuteSqlRawAsync(sql);
        return fault;
    }

    public async ValueTask DisposeAsync()
    {
        await using var db = _store.Create();
        await db.Database.ExecuteSqlRawAsync(_store.Location.IsClustered
            ? "DROP TRIGGER reject_jobs ON qrtz_job_details; DROP FUNCTION reject_jobs();"
            : "DROP TRIGGER reject_jobs;");
    }
}
