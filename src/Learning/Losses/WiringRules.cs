namespace LossSearch.Learning.Losses;

/// <summary>How random genomes are drawn and mutated.</summary>
public enum WiringRules
{
    /// <summary>
    /// Ours: a binary node's two inputs may be the same node; the root reads hidden nodes only, also
    /// after a rewire; an arity toggle draws a fresh operator, a new binary node reads its old input
    /// first, and binary → unary keeps the first input.
    /// </summary>
    Ours,
    /// <summary>
    /// The predecessor's <c>Loss.setup</c> and <c>Loss.mutate</c>: a binary node's two inputs differ;
    /// a rewire may move an input onto any node that is not already an input (a leaf for the root;
    /// cycles are then rejected); each node keeps a latent operator of the other arity that an arity
    /// toggle restores; unary → binary puts the new input first or second 50/50; binary → unary keeps
    /// either input 50/50.
    /// </summary>
    Published,
}
