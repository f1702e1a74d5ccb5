using PrivateDomainGrains.Client;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Chaos;
using PrivateDomainGrains.LoadTest.Cluster;
using PrivateDomainGrains.LoadTest.Consoles;
using PrivateDomainGrains.LoadTest.Live;
using PrivateDomainGrains.LoadTest.Noisy;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Reports;
using PrivateDomainGrains.LoadTest.Stats;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Run;

/// <summary>
/// One run from start to report: tenant and staff, consoles, customers, then the scheduled load with stats
/// sampling and a progress line, then the drain for in-flight nudges. The handover preset also hands staff-0's customers
/// to staff-1 during the measured period. The timers preset instead puts a playbook with one timer rule, provisions
/// customers so that it falls due after provisioning, and waits for the nudges. The chaos preset injects faults into the
/// <paramref name="cluster"/> the tool started while the load runs, and reads the journal and inbox from its database
/// after the drain; the noisy preset lets tenant A flood the node during the second part of the measured period.
/// </summary>
public sealed class LoadTestRun(LoadTestOptions options, TextWriter log, ManagedCluster? cluster = null)
{
    /// <summary>Gives the stats sampler time for a baseline reading before the first event.</summary>
    private static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(500);

    public async Task<RunReport> RunAsync(CancellationToken ct)
    {
        var nodes = options.Targets.Select(t => new NodeConnection(t, options.RequestTimeout, options.OperatorKey)).ToArray();
        try
        {
            return await RunAsync(nodes, ct);
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
        }
    }

    private async Task<RunReport> RunAsync(NodeConnection[] nodes, CancellationToken ct)
    {
        var clock = new RunClock();
        var counters = new RunCounters();
        var errors = new ErrorLog();
        var ackLatency = new LiveLatency();
        var nudgeLatency = new LiveLatency();
        var roster = new StaffRoster(options.Staff);
        var pool = new NodePool(nodes);
        var requests = new RequestLog(clock);
        if (options.Chaos is not null && cluster is null)
            throw new OptionsException("the chaos preset kills and restarts nodes it started itself: run it with --nodes (its default), not --targets");

        var provisioner = new Provisioner(options, nodes, roster, errors, log);
        var (credentials, created, staffCreated) = await provisioner.SetUpTenantAsync(ct);
        var dueTimes = options.Consoles > 0 ? new DueTimes() : null;
        await using var fleet = new ConsoleFleet(pool, roster, credentials.Tenant, options.StaffPassword, clock, counters, nudgeLatency,
            dueTimes ?? new DueTimes(), errors, confirmAcks: options.Chaos is not null);
        if (options.Consoles > 0)
        {
            await fleet.ConnectAsync(options.Consoles, ct);
            log.WriteLine($"{fleet.Connected} consoles connected for {fleet.ConnectedStaff.Count} staff");
        }
        var timers = options.Preset == Preset.Timers ? await PutTimerPlaybookAsync(nodes[0], credentials, ct) : null;
        var provisioning = await provisioner.ProvisionCustomersAsync(credentials, created, staffCreated, ct, timers is null ? null : timers.FriendAddedAt);
        var provisioned = DateTimeOffset.UtcNow;

        var schedule = ArrivalSchedule.For(options);
        var generator = new EventGenerator(options.Seed, options.Customers, roster, options.Mix, eachCustomerOnce: options.Preset == Preset.Activate);
        var driver = new EventDriver(schedule, generator, pool, credentials, options.BatchSize, options.MaxInFlight, clock, counters, ackLatency,
            dueTimes, errors, requests, options.RetryFor, backfill: options.Backfill);
        var flood = options.Noisy is { } noisy ? new FloodDriver(options, noisy, pool, clock, requests, errors, log) : null;
        if (flood is not null) await flood.SetUpAsync(ct);
        using var background = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = options.OperatorKey is null ? null : new StatsSampler(nodes, clock, errors);
        if (sampler is null) log.WriteLine("no --operator-key: host CPU and memory will not be sampled");
        var sampling = sampler?.RunAsync(background.Token) ?? Task.CompletedTask;

        // A timers run's clock starts at the first due time, so its timeline shows seconds since then.
        var start = timers is null ? clock.NowTicks + Lead.Ticks : (timers.FirstDue - clock.StartedAt).Ticks;
        var draining = false;
        var printer = new ProgressPrinter(clock, counters, ackLatency, nudgeLatency, log);
        var progress = printer.RunAsync(start, () => timers is null ? Phase(clock, start, schedule, draining) : "timers", background.Token);

        SentEvent[] sent = [];
        HandoverResult? handover = null;
        ChaosInputs? chaosInputs = null;
        NoisyInputs? noisyInputs = null;
        if (timers is null)
        {
            log.WriteLine($"sending {schedule.TotalEvents} events over {schedule.End.TotalSeconds:0.#} s ({schedule.MeasureFrom.TotalSeconds:0.#} s warm-up)");
            using var handoverGiveUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var handing = options.Preset == Preset.Handover
                ? new HandoverDriver(nodes[0], credentials, clock, errors, log).RunAsync(roster.StaffId(0), roster.StaffId(1),
                    start + (schedule.MeasureFrom + options.HandoverAt).Ticks, handoverGiveUp.Token)
                : null;
            var measureStart = start + schedule.MeasureFrom.Ticks;
            var chaos = options.Chaos is { } c
                ? new ChaosController(cluster!, FaultPlan.Create(c, options.Duration, cluster!.Nodes.Count), c.DownFor, clock, log)
                : null;
            var faulting = chaos?.RunAsync(measureStart, ct) ?? Task.CompletedTask;
            var floodStart = measureStart + (options.Noisy?.FloodAt.Ticks ?? 0);
            var flooding = flood?.RunAsync(floodStart, start + schedule.End.Ticks, ct);
            sent = await driver.RunAsync(start, ct);
            // A node still coming back after the load gets to finish before the drain starts.
            await faulting;
            if (flooding is not null) noisyInputs = new NoisyInputs(options.Noisy!, floodStart, start + schedule.End.Ticks, await flooding);
            draining = true;
            if (handing is not null)
            {
                // A handover still running after the load gets the drain period to finish.
                handoverGiveUp.CancelAfter(options.Drain);
                handover = await handing;
            }
            await DrainAsync(sent, provisioning, fleet, handover?.Window, ct);
            if (chaos is not null) chaosInputs = await ReadStoredAsync(chaos, credentials.Tenant, fleet, clock, CancellationToken.None);
        }
        else
        {
            await WaitForTimersAsync(timers, provisioning, fleet, clock, counters, ct);
        }
        await background.CancelAsync();
        await Task.WhenAll(sampling, progress);
        var execution = await ReadExecutionAsync(nodes, credentials, ct);

        return ReportBuilder.Build(new ReportInputs(
            options, clock.WallAt(start), schedule, start, sent, provisioning, fleet.Connected, fleet.ConnectedStaff,
            fleet.Arrivals, sampler?.Samples ?? [], counters.AcksSent, counters.AckFailures, counters.Reconnects,
            errors.Top(20).Select(e => new ErrorCount(e.Key, e.Value)).ToArray(),
            timers is null ? null : new TimerInputs(timers, provisioned), handover, requests.Attempts, chaosInputs, noisyInputs,
            Execution: execution));
    }

    /// <summary>
    /// The tenant's execution per staff member now that the run is over, from the first node that answers: the days
    /// from yesterday to tomorrow in UTC hold the run's day in any tenant time zone. A failure is reported, not thrown.
    /// </summary>
    private async Task<ExecutionFigures> ReadExecutionAsync(NodeConnection[] nodes, TenantCredentials credentials, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (from, to) = (today.AddDays(-1), today.AddDays(1));
        var error = "no node to ask";
        foreach (var node in nodes)
        {
            try
            {
                var figures = ExecutionFigures.Of(await credentials.On(node).Reports.GetExecutionAsync(from, to, "staff", cancellationToken: ct));
                log.WriteLine($"execution report: {figures.Total?.Raised ?? 0} nudges raised, {figures.Staff.Count} staff");
                return figures;
            }
            catch (Exception e) when (e is PlatformApiException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                error = $"GET reports/execution on {node.BaseAddress}: {e.Message}";
            }
        }
        log.WriteLine($"execution report not read: {error}");
        return ExecutionFigures.Unavailable(from, to, error);
    }

    /// <summary>The chaos ledger's other side: what the platform holds for the tenant once the drain is over, read from PostgreSQL.</summary>
    private async Task<ChaosInputs> ReadStoredAsync(ChaosController chaos, string tenant, ConsoleFleet fleet, RunClock clock, CancellationToken ct)
    {
        var end = clock.NowTicks;
        var journal = await PlatformRecords.ReadJournalEventIdsAsync(cluster!.ConnectionString, tenant, ct);
        var nudges = await PlatformRecords.ReadNudgesAsync(cluster.ConnectionString, tenant, wall => (wall - clock.StartedAt).Ticks, ct);
        log.WriteLine($"ledger: {journal.Count} events in the journal, {nudges.Count} nudges in the inbox ({nudges.Count(n => n.Open)} open)");
        return new ChaosInputs(options.Chaos!, cluster.Nodes.Select(n => n.Name).ToArray(), chaos.Faults, fleet.Sessions, fleet.AckConfirmations,
            journal, nudges, end);
    }

    /// <summary>Plans the due times from now (provisioning starts next) and makes the timer rule the tenant's playbook.</summary>
    private async Task<TimerPlan> PutTimerPlaybookAsync(NodeConnection node, TenantCredentials credentials, CancellationToken ct)
    {
        var plan = TimerPlan.Create(DateTimeOffset.UtcNow, options.DueAfter, options.DueWindow, options.Customers);
        var version = (await credentials.On(node).Playbook.PutAsync(plan.PlaybookJson(credentials.Tenant), ct)).Version;
        log.WriteLine($"playbook version {version}: timer nudge {plan.Delay.TotalMinutes:0} min after friend.added; customers fall due from {plan.FirstDue:u} over {plan.Window.TotalSeconds:0.#} s");
        return plan;
    }

    /// <summary>
    /// Waits until every expected timer nudge has arrived, or the drain period after the last due time is over.
    /// Reconciling a million arrivals takes seconds of the same CPU the platform is measured on, so while nudges are
    /// still arriving progress comes from the live counter; the full reconciliation runs once enough have arrived.
    /// </summary>
    private async Task WaitForTimersAsync(TimerPlan plan, ProvisioningResult provisioning, ConsoleFleet fleet, RunClock clock, RunCounters counters, CancellationToken ct)
    {
        var deadline = plan.LastDue + options.Drain;
        var expected = provisioning.Owners.Values.Count(fleet.ConnectedStaff.Contains);
        var reconciledAt = -1L;
        while (!ct.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            if (now >= plan.FirstDue)
            {
                var received = counters.NudgesReceived;
                if (received >= expected && now >= plan.LastDue && received != reconciledAt)
                {
                    var r = TimerReconciler.Reconcile(plan, provisioning.Owners, fleet.ConnectedStaff, fleet.Arrivals, wall => (wall - clock.StartedAt).Ticks);
                    if (r.Lost == 0) return;
                    reconciledAt = received;
                    log.WriteLine($"timers: {r.Received}/{r.Expected} fired, {r.Duplicates} duplicated, {r.Lost} still missing");
                }
                else log.WriteLine($"timers: {received}/{expected} nudges received");
                if (now >= deadline) return;
            }
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

    /// <summary>Waits for nudges still on their way, up to the drain period, stopping early once none is missing.</summary>
    private async Task DrainAsync(SentEvent[] sent, ProvisioningResult provisioning, ConsoleFleet fleet, HandoverWindow? handover, CancellationToken ct)
    {
        if (fleet.Connected == 0 || ct.IsCancellationRequested) return;
        var deadline = DateTime.UtcNow + options.Drain;
        while (true)
        {
            var missing = NudgeReconciler.Reconcile(sent, provisioning.Owners, fleet.ConnectedStaff, fleet.Arrivals, handover).Lost;
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
