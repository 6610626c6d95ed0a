// Each test runs whole app processes on the 2 cores Azurite also uses: one at a time keeps their timings meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
