// Training is deterministic given a seed only while no other thread draws from libtorch's global
// generator (dropout and stochastic depth draw from it), so test classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
