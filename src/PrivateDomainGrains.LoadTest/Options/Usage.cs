namespace PrivateDomainGrains.LoadTest.Options;

public static class Usage
{
    public const string Text = """
        PrivateDomainGrains load test: drives a running platform over HTTP and SignalR.

        usage: PrivateDomainGrains.LoadTest [--preset steady|spike|activate|handover|timers|chaos|rolling|noisy|soak] [--key value]...

        target
          --targets URL[,URL...]   node base URLs; requests and consoles are spread over them (default http://127.0.0.1:5000)
          --operator-key KEY       creates the tenant and reads /api/v1/system/stats (env PDG_OPERATOR_KEY)
          --in-process-pg CONN     start a platform node inside this process on PostgreSQL CONN instead of --targets
          --nodes N                start PostgreSQL (deploy/postgres.sh) and N host processes, and target them (chaos: 3)
        started cluster (--nodes, chaos)
          --host-dll PATH          the built host (default src/PrivateDomainGrains.Host/bin/Release/net10.0/PrivateDomainGrains.Host.dll)
          --pg-port N --pg-data DIR   PostgreSQL port and data directory (default 55441, .data/loadtest-pg)
          --database NAME          database on it (default pdg_loadtest)
          --http-port N --silo-port N --gateway-port N   node i listens on N+i (default 5181, 11181, 30181)
        tenant
          --tenant ID              tenant to create (default lt-<timestamp>)
          --api-key KEY --admin-key KEY   use an existing tenant instead of creating one
          --customers N            customers (default 1000; activate: 100000)
          --staff N                staff members (default 10)
          --consoles N             connected SignalR consoles, spread over staff (default one per staff member)
          --staff-password PW      password given to every staff member (default LoadTest-<tenant>-pw)
          --provision true|false   send one friend.added per customer first, owners round-robin (default true; activate: false)
        load
          --rate N                 offered events/s, open loop (default 500; activate: 20000)
          --duration D             measured period, e.g. 90s, 5m (default 60s, spike 120s; activate: customers/rate)
          --warmup D               unmeasured lead-in at the same rate (default 10s; activate 0s)
          --drain D                wait for in-flight nudges before counting lost ones (default 15s)
          --mix T=W[,T=W...]       event type weights, e.g. message.received=30,order.paid=5 (activate: page.viewed only)
          --batch-size N           events per request, 1-1000 (default 50)
          --mode live|backfill     backfill posts the events as history: no nudge may come of them (default live)
          --seed N                 same seed, same event sequence (default 1)
          --max-in-flight N        concurrent event requests before the sender waits (default 256)
          --request-timeout D      per request (default 30s; chaos 10s)
          --retry-for D            retry a batch that got 5xx, a timeout or no connection, same event ids, next node (default 0; chaos 60s)
        timers preset
          --due-after D            from the start of provisioning to the first due time (default 30s + 1s per 1,000 customers)
          --due-window D           spread the due times evenly over this window (default 0: all at once)
          --drain D                how long after the last due time to wait for timer nudges (timers default 90s)
        handover preset
          --handover-at D          when staff-0's customers are handed to staff-1, from the start of the measured period (default 10s)
        chaos preset (defaults: 2000 customers, 12 staff, 200 events/s, 150 s, drain 30 s)
          --faults K[,K...]        kill (SIGKILL a node), stop (SIGTERM a node), pg (restart PostgreSQL), in turn (default kill,stop,pg)
          --fault-every D          between faults (default 30s)
          --first-fault D          first fault, from the start of the measured period (default: --fault-every)
          --down-for D             how long a node or PostgreSQL stays down before it is started again (default 5s)
        rolling preset (the chaos preset's options; defaults: 3000 events/s, 120 s, --faults stop, --first-fault 10s,
                        --fault-every 1s (each node as soon as the previous one is back), --down-for 0s, one fault per node)
        noisy preset (defaults: tenant B 100 events/s, 1000 customers, 5 staff, 60 s)
          --flood-at D             tenant A's flood starts this far into the measured period (default: half of it)
          --flood-signins N        wrong-password sign-ins per second (default 32)
          --flood-bad N            requests per second with one malformed event each (default 8)
          --flood-rate N           valid events per second from tenant A (default 1000)
        soak preset (defaults: 200000 customers and 10000 events/s split over the tenants, 10 min after 30 s warm-up,
                     batches of 200, drain 30 s; --staff and --consoles are per tenant)
          --tenants N              tenants on the same nodes (default 5)
          --pg-data DIR            with --targets: data directory of the PostgreSQL whose CPU to read from /proc (default: none, n/a)
        output
          --out DIR                report folder (default ./loadtest-reports/<timestamp>)
          --help

        presets: steady (constant rate), spike (10x the rate for 30 s in the middle of the measured period),
                 activate (one page.viewed per customer, measures time and memory),
                 handover (steady load; at --handover-at staff-0 hands every customer to staff-1; measures how long it
                 takes and whether the moved customers' next nudges reach staff-1),
                 timers (a playbook timer rule falls due for every customer after provisioning; measures lag to the console),
                 chaos (starts its own cluster; kills, stops and restarts nodes and PostgreSQL under load; checks every
                 acknowledged event against the journal and every nudge against consoles and the inbox),
                 rolling (a rolling restart of the chaos preset's cluster under load: each node stopped with SIGTERM and
                 started again in turn; the same checks),
                 noisy (tenant A floods sign-in, bad and valid events while tenant B's latency is measured),
                 soak (several tenants, many residents, a high rate for minutes: p99 per second, the worst second, GC
                 pauses and the longest one, the thread pool's queue, lock contentions, host and PostgreSQL CPU per
                 1,000 durable events)
        latency is measured from each batch's scheduled send time, so a slow server cannot hide queueing delay.
        """;
}
