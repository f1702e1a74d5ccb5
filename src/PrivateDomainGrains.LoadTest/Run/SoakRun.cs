using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Cluster;
using PrivateDomainGrains.LoadTest.Consoles;
using PrivateDomainGrains.LoadTest.Live;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Reports;
using PrivateDomainGrains.LoadTest.Stats;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Run;

/// <summary>
/// The soak preset from start to report: its tenants one after another (tenant, staff, consoles, customers: each tenant's
/// share, <see cref="SoakOptions.Share"/>), then every tenant's open-loop load at once from the same start, with host
/// stats (CPU, GC, thread pool, locks), the tool's and PostgreSQL's CPU sampled every second, then the drain. Each tenant
/// is reconciled in its own ids; <see cref="TenantMerge"/> makes them one run for the report, so the usual figures (lost,
/// duplicated, latency, timeline) cover every tenant together.
/// </summary>
public sealed class SoakRun(LoadTestOptions options, TextWriter log, ManagedCluster? cluster = null)
{
    /// <summary>Gives the samplers time for a baseline reading before the first event.</summary>
    private static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(500);

    private sealed record TenantLoad(LoadTestOptions Options, ConsoleFleet Fleet, ProvisioningResult Provisioning, EventDriver Driver);

    public async Task<RunReport> RunAsync(CancellationToken ct)
    {
        var nodes = options.Targets.Select(t => new NodeConnection(t, options.RequestTimeout, options.OperatorKey)).ToArray();
        var tenants = new List<TenantLoad>();
        try
        {
            return await RunAsync(nodes, tenants, ct);
        }
        finally
        {
            foreach (var tenant in tenants) await tenant.Fleet.DisposeAsync();
            foreach (var node in nodes) node.Dispose();
        }
    }

    private async Task<RunReport> RunAsync(NodeConnection[] nodes, List<TenantLoad> tenants, CancellationToken ct)
    {
        var soak = options.Soak!;
        var clock = new RunClock();
        var counters = new RunCounters();
        var errors = new ErrorLog();
        var ackLatency = new LiveLatency();
        var nudgeLatency = new LiveLatency();
        var pool = new NodePool(nodes);
        var requests = new RequestLog(clock);
        var schedule = ArrivalSchedule.For(options);

        for (var i = 0; i < soak.Tenants; i++)
        {
            var o = options with
            {
                Tenant = SoakOptions.TenantId(options.Tenant, i),
                Customers = soak.Share(options.Customers, i),
                Rate = options.Rate / soak.Tenants,
                // Another seed per tenant: other event ids and another sequence of customers and types.
                Seed = options.Seed + i,
            };
            tenants.Add(await SetUpTenantAsync(o, nodes, pool, clock, counters, ackLatency, nudgeLatency, errors, requests, ct));
        }

        var dataDirectory = cluster?.Postgres.DataDirectory ?? soak.PostgresDataDirectory;
        var postgres = dataDirectory is null ? null : new PostgresCpu(dataDirectory);
        var postgresNote = postgres is null ? "n/a: PostgreSQL is not the tool's own (--targets without --pg-data)" : postgres.Check();
        if (postgresNote is not null) log.WriteLine(postgresNote);

        using var background = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stats = options.OperatorKey is null ? null : new StatsSampler(nodes, clock, errors);
        if (stats is null) log.WriteLine("no --operator-key: host CPU, memory, GC and thread-pool figures will not be sampled");
        var runtime = new SoakSampler(postgresNote is null ? postgres : null, clock, errors);
        var sampling = Task.WhenAll(stats?.RunAsync(background.Token) ?? Task.CompletedTask, runtime.RunAsync(background.Token));

        var start = clock.NowTicks + Lead.Ticks;
        var draining = false;
        var printer = new ProgressPrinter(clock, counters, ackLatency, nudgeLatency, log);
        var progress = printer.RunAsync(start, () => Phase(clock, start, schedule, draining), background.Token);

        log.WriteLine($"sending {schedule.TotalEvents} events over {schedule.End.TotalSeconds:0.#} s ({schedule.MeasureFrom.TotalSeconds:0.#} s warm-up) to {tenants.Count} tenants");
        var sent = await Task.WhenAll(tenants.Select(t => t.Driver.RunAsync(start, ct)));
        draining = true;
        await DrainAsync(tenants, sent, ct);
        await background.CancelAsync();
        await Task.WhenAll(sampling, progress);

        var merged = TenantMerge.Merge(tenants.Select((t, i) => new TenantRecord(sent[i], t.Provisioning.Owners, t.Fleet.ConnectedStaff,
            t.Fleet.Arrivals, t.Fleet.Connected)).ToArray());
        var first = tenants[0].Provisioning;
        var provisioning = new ProvisioningResult(first.Credentials, tenants.All(t => t.Provisioning.TenantCreated), tenants.Sum(t => t.Provisioning.StaffCreated),
            merged.Owners, tenants.Sum(t => t.Provisioning.CustomersFailed), TimeSpan.FromTicks(tenants.Sum(t => t.Provisioning.Elapsed.Ticks)));
        var shares = tenants.Select(t => new SoakTenant(t.Options.Tenant, t.Options.Customers, t.Options.Rate)).ToArray();

        return ReportBuilder.Build(new ReportInputs(
            options, clock.WallAt(start), schedule, start, merged.Events, provisioning, tenants.Sum(t => t.Fleet.Connected), merged.StaffWithConsoles,
            merged.Arrivals, stats?.Samples ?? [], counters.AcksSent, counters.AckFailures, counters.Reconnects,
            errors.Top(20).Select(e => new ErrorCount(e.Key, e.Value)).ToArray(),
            Requests: requests.Attempts,
            Soak: new SoakInputs(shares, runtime.Postgres, postgresNote, runtime.LoadTool)));
    }

    /// <summary>One tenant made ready to send: tenant and staff, its consoles connected, its customers provisioned (nothing measured yet).</summary>
    private async Task<TenantLoad> SetUpTenantAsync(LoadTestOptions o, NodeConnection[] nodes, NodePool pool, RunClock clock, RunCounters counters,
        LiveLatency ackLatency, LiveLatency nudgeLatency, ErrorLog errors, RequestLog requests, CancellationToken ct)
    {
        var roster = new StaffRoster(o.Staff);
        var provisioner = new Provisioner(o, nodes, roster, errors, log);
        var (credentials, created, staffCreated) = await provisioner.SetUpTenantAsync(ct);
        var dueTimes = new DueTimes();
        var fleet = new ConsoleFleet(pool, roster, credentials.Tenant, o.StaffPassword, clock, counters, nudgeLatency, dueTimes, errors);
        try
        {
            if (o.Consoles > 0)
            {
                await fleet.ConnectAsync(o.Consoles, ct);
                log.WriteLine($"{o.Tenant}: {fleet.Connected} consoles connected for {fleet.ConnectedStaff.Count} staff");
            }
            var provisioning = await provisioner.ProvisionCustomersAsync(credentials, created, staffCreated, ct);
            var generator = new EventGenerator(o.Seed, o.Customers, roster, o.Mix, eachCustomerOnce: false);
            var driver = new EventDriver(ArrivalSchedule.For(o), generator, pool, credentials, o.BatchSize, o.MaxInFlight, clock, counters, ackLatency,
                o.Consoles > 0 ? dueTimes : null, errors, requests, o.RetryFor, backfill: o.Backfill);
            return new TenantLoad(o, fleet, provisioning, driver);
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for nudges still on their way, up to the drain period, stopping early once no tenant misses any.</summary>
    private async Task DrainAsync(List<TenantLoad> tenants, SentEvent[][] sent, CancellationToken ct)
    {
        if (tenants.All(t => t.Fleet.Connected == 0) || ct.IsCancellationRequested) return;
        var deadline = DateTime.UtcNow + options.Drain;
        while (true)
        {
            var missing = tenants.Select((t, i) => NudgeReconciler.Reconcile(sent[i], t.Provisioning.Owners, t.Fleet.ConnectedStaff, t.Fleet.Arrivals).Lost).Sum();
            if (missing == 0 || DateTime.UtcNow >= deadline) return;
            log.WriteLine($"draining: {missing} expected nudges not yet received");
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string Phase(RunClock clock, long start, ArrivalSchedule schedule, bool draining)
    {
        var elapsed = TimeSpan.FromTicks(clock.NowTicks - start);
        return draining ? "drain" : elapsed < schedule.MeasureFrom ? "warm-up" : elapsed < schedule.End ? "measure" : "answers";
    }
}
