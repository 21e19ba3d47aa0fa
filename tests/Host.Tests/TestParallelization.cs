// Training draws dropout and stochastic-depth masks from libtorch's one global generator, re-seeded at
// every step; two trainings running at once in this process would make each other's draws (and the
// bit-exact resume comparisons) depend on timing. Tests therefore run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
