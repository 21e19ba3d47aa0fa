// Tests that build models seed libtorch's process-wide generator first (torch.manual_seed) and then
// draw the initial weights from it; another test doing the same at the same moment would change them.
// Trainings themselves use their own generators (ModelRandomness), but model creation does not.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
