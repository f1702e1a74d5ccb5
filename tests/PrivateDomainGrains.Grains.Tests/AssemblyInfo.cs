// Each test class starts its own cluster, and GrainTestCluster hands its database to the silo configurator through a
// static: classes running in parallel would swap databases. One cluster at a time also suits a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
