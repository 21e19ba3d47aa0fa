namespace LossSearch.Workflows.Runtime;

/// <summary>What a resume or cancel request did: done, unknown instance, or refused by its current state.</summary>
public enum ControlOutcome { Done, NotFound, Conflict }
