namespace LossSearch.Host.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    /// <summary>Stopped by Ctrl-C or SIGTERM after leaving a resumable checkpoint (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
