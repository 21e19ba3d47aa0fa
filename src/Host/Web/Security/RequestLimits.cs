namespace LossSearch.Host.Web.Security;

/// <summary>How much work one request may ask for (<c>Server:Limits:*</c>); each is answered with 400 or 413 before work starts.</summary>
public sealed record RequestLimits
{
    public long MaxBodyBytes { get; init; } = 10 * 1024 * 1024;
    public int MaxActivities { get; init; } = 1000;
    public int MaxDefinitionIdLength { get; init; } = 200;
    public int MaxJsonDepth { get; init; } = 64;
    public int MaxSyntheticImages { get; init; } = 100_000;
    public int MaxSyntheticClasses { get; init; } = 1000;
    public int MaxImageSide { get; init; } = 512;
}
