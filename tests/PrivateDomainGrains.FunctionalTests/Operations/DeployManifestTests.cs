using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using PrivateDomainGrains.Host.Hosting;
using PrivateDomainGrains.Host.Telemetry;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// The deploy files, checked offline (no Docker daemon or cluster here): YAML lint, Kubernetes objects deserialised
/// strictly into the Kubernetes client's models (an unknown field or a wrong type fails), and their shape against the
/// platform: probes on its health endpoints, settings that its options accept, secrets that exist, selectors that match,
/// the compose topology that deploy/cluster.sh runs for real, the proxy configuration through nginx -t, the Dockerfile's
/// stages and paths.
/// </summary>
public sealed class DeployManifestTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly string Deploy = Path.Combine(Root, "deploy");
    private static readonly string Kubernetes = Path.Combine(Deploy, "kubernetes");

    [Fact]
    public void Every_yaml_file_under_deploy_passes_yamllint()
    {
        var (exit, output) = Run("yamllint", "-s", "-f", "parsable", "-c", Path.Combine(Deploy, "yamllint.yaml"), Deploy);
        Assert.True(exit == 0, $"yamllint found problems (exit {exit}):\n{output}");
    }

    [Fact]
    public void Every_kubernetes_file_holds_known_kinds_with_only_known_fields_and_the_kustomization_lists_them_all()
    {
        var listed = Seq(Kustomization()["resources"]).Select(r => (string)r).ToList();
        var files = Directory.GetFiles(Kubernetes, "*.yaml").Select(Path.GetFileName).Where(f => f is not ("kustomization.yaml" or "secret.example.yaml"));
        Assert.Equal(files.Order(), listed.Order());

        foreach (var file in new List<string>(listed) { "secret.example.yaml" })
        {
            var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(Kubernetes, file)), strict: true);
            Assert.NotEmpty(objects);
            Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(((IMetadata<V1ObjectMeta>)o).Metadata?.Name), $"{file}: an object without a name"));
        }
    }

    [Fact]
    public void The_deployment_probes_the_health_endpoints_advertises_the_pod_ip_and_runs_non_root_on_a_read_only_filesystem()
    {
        var deployment = Single<V1Deployment>("deployment.yaml");
        var pod = deployment.Spec.Template.Spec;
        var host = Assert.Single(pod.Containers);
        var http = Assert.Single(host.Ports, p => p.Name == "http");
        Assert.Equal(8080, http.ContainerPort);
        Assert.Contains(host.Ports, p => p.Name == "silo" && p.ContainerPort == 11111);
        Assert.Contains(host.Ports, p => p.Name == "gateway" && p.ContainerPort == 30000);

        Assert.Equal("/health/ready", host.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health/live", host.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health/live", host.StartupProbe.HttpGet.Path);
        Assert.All(new[] { host.ReadinessProbe, host.LivenessProbe, host.StartupProbe }, p => Assert.Equal("http", p.HttpGet.Port.Value));

        var advertised = Assert.Single(host.Env, e => e.Name == "Orleans__AdvertisedAddress");
        Assert.Equal("status.podIP", advertised.ValueFrom.FieldRef.FieldPath);
        var secret = Single<V1Secret>("secret.example.yaml");
        var fromSecrets = host.Env.Where(e => e.ValueFrom?.SecretKeyRef is not null).ToList();
        Assert.Equal(["ConnectionStrings__Platform", "Platform__OperatorKey", "Platform__TokenSigningKey"], fromSecrets.Select(e => e.Name).Order());
        Assert.All(fromSecrets, e =>
        {
            Assert.Equal(secret.Metadata.Name, e.ValueFrom.SecretKeyRef.Name);
            Assert.Contains(e.ValueFrom.SecretKeyRef.Key, secret.StringData.Keys);
        });
        Assert.DoesNotContain(host.Env, e => e.Value is not null && (e.Name.Contains("Key") || e.Name.StartsWith("ConnectionStrings")));

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
        Assert.True(host.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(host.SecurityContext.AllowPrivilegeEscalation);
        var tmp = Assert.Single(host.VolumeMounts);
        Assert.Equal("/tmp", tmp.MountPath);
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);

        Assert.True(host.Resources.Requests.ContainsKey("cpu") && host.Resources.Requests.ContainsKey("memory"));
        Assert.True(host.Resources.Limits["memory"].ToInt64() >= host.Resources.Requests["memory"].ToInt64());
    }

    [Fact]
    public void The_configuration_is_valid_for_the_platforms_options_and_the_grace_period_outlasts_the_hosts_own_shutdown_timeout()
    {
        var deployment = Single<V1Deployment>("deployment.yaml");
        var configMap = Single<V1ConfigMap>("configmap.yaml");
        Assert.Equal(configMap.Metadata.Name, Assert.Single(deployment.Spec.Template.Spec.Containers[0].EnvFrom).ConfigMapRef.Name);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(configMap.Data.Select(d => KeyValuePair.Create(d.Key.Replace("__", ":"), (string?)d.Value)))
            .Build();
        Assert.All(configMap.Data.Keys, key => Assert.Contains(key.Split("__")[0], new[] { SiloOptions.Section, HealthOptions.Section, TelemetryOptions.Section, "Dashboard" }));
        DashboardHostingExtensions.IsEnabled(configuration);

        var health = Valid<HealthOptions>(configuration, HealthOptions.Section);
        Valid<SiloOptions>(configuration, SiloOptions.Section);
        Valid<TelemetryOptions>(configuration, TelemetryOptions.Section);
        Assert.True(health.DrainDelay >= TimeSpan.FromSeconds(2 * Single<V1Deployment>("deployment.yaml").Spec.Template.Spec.Containers[0].ReadinessProbe.PeriodSeconds!.Value),
            "the drain should last at least two readiness periods");
        Assert.True(TimeSpan.FromSeconds(deployment.Spec.Template.Spec.TerminationGracePeriodSeconds!.Value) > health.DrainDelay + health.StopTimeout,
            "the kubelet would kill the pod before the host's own shutdown timeout");
    }

    [Fact]
    public void Services_the_disruption_budget_and_the_ingresses_select_the_deployments_pods_and_ports()
    {
        var deployment = Single<V1Deployment>("deployment.yaml");
        var labels = deployment.Spec.Template.Metadata.Labels;
        Assert.All(deployment.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, labels[l.Key]));
        var ports = deployment.Spec.Template.Spec.Containers[0].Ports.Select(p => p.Name).ToHashSet();

        var services = Load("services.yaml").Cast<V1Service>().ToList();
        Assert.All(services, s =>
        {
            Assert.All(s.Spec.Selector, l => Assert.Equal(l.Value, labels[l.Key]));
            Assert.All(s.Spec.Ports, p => Assert.Contains(p.TargetPort.Value, ports));
        });

        var budget = Single<V1PodDisruptionBudget>("poddisruptionbudget.yaml");
        Assert.All(budget.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, labels[l.Key]));
        Assert.True(int.Parse(budget.Spec.MaxUnavailable.Value) < deployment.Spec.Replicas, "the budget would let every pod go at once");

        var ingresses = Load("ingress.yaml").Cast<V1Ingress>().ToList();
        var backends = ingresses.SelectMany(i => i.Spec.Rules.SelectMany(r => r.Http.Paths)).Select(p => p.Backend.Service).ToList();
        Assert.All(backends, b => Assert.Contains(services, s => s.Metadata.Name == b.Name && s.Spec.Ports.Any(p => p.Name == b.Port.Name)));
        var hub = Assert.Single(ingresses, i => i.Spec.Rules.Any(r => r.Http.Paths.Any(p => p.Path == "/hubs")));
        Assert.Equal("cookie", hub.Metadata.Annotations["nginx.ingress.kubernetes.io/affinity"]);
    }

    [Fact]
    public void The_compose_file_runs_postgresql_three_nodes_and_a_proxy_with_the_same_settings_for_every_node()
    {
        var compose = Yaml(File.ReadAllText(Path.Combine(Deploy, "compose.yaml")));
        var services = Map(compose["services"]);
        Assert.Equal(["node1", "node2", "node3", "postgres", "proxy"], services.Keys.Order());

        var subnet = (string)Map(Seq(Map(Map(Map(compose["networks"])["platform"])["ipam"])["config"])[0])["subnet"];
        var nodes = new[] { "node1", "node2", "node3" }.Select(n => Map(services[n])).ToList();
        var addresses = new List<string>();
        foreach (var node in nodes)
        {
            Assert.Equal("deploy/Dockerfile", Map(node["build"])["dockerfile"]);
            Assert.True(File.Exists(Path.Combine(Deploy, (string)Map(node["build"])["context"], "deploy/Dockerfile")));
            Assert.Equal("true", node["read_only"]);
            Assert.Contains("/tmp:size=64m", Seq(node["tmpfs"]));
            var env = Map(node["environment"]);
            Assert.All(new[] { "ConnectionStrings__Platform", "Platform__OperatorKey", "Platform__TokenSigningKey", "Orleans__ClusterId" }, k => Assert.True(env.ContainsKey(k), k));
            var address = (string)env["Orleans__AdvertisedAddress"];
            Assert.Equal(address, Map(Map(node["networks"])["platform"])["ipv4_address"]);
            Assert.StartsWith(subnet[..subnet.LastIndexOf('.')], address);
            addresses.Add(address);
        }
        Assert.Equal(3, addresses.Distinct().Count());
        Assert.Single(nodes.Select(n => string.Join("|", Map(n["environment"]).Where(e => e.Key != "Orleans__AdvertisedAddress").Select(e => $"{e.Key}={e.Value}"))).Distinct());
        Assert.Contains("Host=postgres;", (string)Map(nodes[0]["environment"])["ConnectionStrings__Platform"]);

        var proxy = Map(services["proxy"]);
        Assert.Contains("./nginx/platform.conf.template:/etc/nginx/templates/platform.conf.template:ro", Seq(proxy["volumes"]));
        var upstreams = (string)Map(proxy["environment"])["PDG_UPSTREAM_SERVERS"];
        Assert.Equal(["node1:8080", "node2:8080", "node3:8080"], Regex.Matches(upstreams, @"server (\S+)").Select(m => m.Groups[1].Value));
        Assert.Contains("default_server", (string)Map(proxy["environment"])["PDG_PROXY_LISTEN"]);
    }

    [Fact]
    public void The_proxy_configuration_that_compose_and_the_cluster_script_share_is_valid_nginx()
    {
        Assert.Contains("deploy/nginx/platform.conf.template", File.ReadAllText(Path.Combine(Deploy, "cluster.sh")));
        var dir = Directory.CreateTempSubdirectory("pdg-nginx-").FullName;
        try
        {
            var rendered = File.ReadAllText(Path.Combine(Deploy, "nginx", "platform.conf.template"))
                .Replace("${PDG_PROXY_LISTEN}", "127.0.0.1:5600")
                .Replace("${PDG_UPSTREAM_SERVERS}", "server 127.0.0.1:5581 max_fails=1 fail_timeout=5s; server 127.0.0.1:5582 max_fails=1 fail_timeout=5s;");
            Assert.DoesNotContain("${", rendered);
            File.WriteAllText(Path.Combine(dir, "platform.conf"), rendered);
            File.WriteAllText(Path.Combine(dir, "nginx.conf"),
                $"pid {dir}/nginx.pid; error_log {dir}/error.log; events {{}} http {{ client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; " +
                $"fastcgi_temp_path {dir}/fastcgi; uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi; include {dir}/platform.conf; }}");
            var (exit, output) = Run("nginx", "-t", "-q", "-c", Path.Combine(dir, "nginx.conf"), "-p", dir);
            Assert.True(exit == 0, $"nginx -t refused the rendered configuration:\n{output}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_dockerfile_builds_the_console_with_node_and_the_host_with_the_sdk_and_runs_it_on_the_aspnet_image_as_non_root()
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, "Dockerfile")).Where(l => !l.TrimStart().StartsWith('#') && l.Trim().Length > 0).ToList();
        var stages = lines.Where(l => l.StartsWith("FROM ")).ToList();
        Assert.Equal(3, stages.Count);
        Assert.Matches(@"^FROM node:2[2-9][^ ]* AS console$", stages[0]);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", stages[1]);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0 AS runtime$", stages[2]);
        Assert.Contains(lines, l => l.StartsWith("RUN npm ci"));
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish src/PrivateDomainGrains.Host/PrivateDomainGrains.Host.csproj"));

        foreach (var copy in lines.Where(l => l.StartsWith("COPY ") && !l.StartsWith("COPY --from")))
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(parts[1..^1], source => Assert.True(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), $"{copy}: {source} is missing"));
        }
        // The restore layer copies the project files the host needs: every project it references, directly or not.
        var restored = lines.Where(l => l.StartsWith("COPY src/") && l.Contains(".csproj")).Select(l => Path.GetFileName(l.Split(' ')[1])).Order();
        Assert.Equal(ProjectClosure("src/PrivateDomainGrains.Host/PrivateDomainGrains.Host.csproj").Select(Path.GetFileName).Order(), restored);

        var runtime = lines.SkipWhile(l => l != stages[2]).ToList();
        var user = Assert.Single(runtime, l => l.StartsWith("USER "));
        Assert.DoesNotMatch(@"^USER (root|0)\b", user);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"PrivateDomainGrains.Host.dll\"]", runtime);
        var ignored = File.ReadAllLines(Path.Combine(Deploy, "Dockerfile.dockerignore"));
        Assert.Contains("**/node_modules/", ignored);
        Assert.Contains("**/bin/", ignored);
    }

    private static T Single<T>(string file) => Assert.IsType<T>(Assert.Single(Load(file)));

    private static List<object> Load(string file) => KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(Kubernetes, file)), strict: true);

    private static T Valid<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
        var errors = new List<ValidationResult>();
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true),
            $"{section}: {string.Join("; ", errors.Select(e => e.ErrorMessage))}");
        return options;
    }

    private static Dictionary<string, object> Kustomization() => Yaml(File.ReadAllText(Path.Combine(Kubernetes, "kustomization.yaml")));

    /// <summary>YAML as nested dictionaries, lists and strings, with anchors and merge keys resolved (as compose reads it).</summary>
    private static Dictionary<string, object> Yaml(string text) =>
        Map(new DeserializerBuilder().Build().Deserialize<object>(new MergingParser(new Parser(new StringReader(text))))!);

    private static Dictionary<string, object> Map(object node) =>
        ((IDictionary<object, object>)node).ToDictionary(e => (string)e.Key, e => e.Value);

    private static List<object> Seq(object node) => ((IEnumerable<object>)node).ToList();

    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([Path.GetFullPath(Path.Combine(Root, project))]);
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next)) continue;
            foreach (var reference in XDocument.Load(next).Descendants("ProjectReference"))
                queue.Enqueue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
        }
        return seen;
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>The checkout this test runs from (the folder holding PrivateDomainGrains.sln).</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrivateDomainGrains.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("PrivateDomainGrains.sln was not found above " + AppContext.BaseDirectory);
    }
}
