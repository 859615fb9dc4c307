using System.Text.Json;
using System.Text.RegularExpressions;
using RadAnon.TestSupport;

namespace RadAnon.E2E.Tests;

/// <summary>
/// Docker does not run on these machines, so the deployment files are checked for what can be checked here: they
/// parse (PyYAML, nginx -t), they agree with each other, and they agree with what the tests run — the settings in
/// appsettings.json, the runtime packages of tools/install-prerequisites.sh and the publish step of ./radanon serve.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Root = Repository.Root;

    [Fact]
    public void Dockerfile_BuildsAndRunsWhatTheTestsRun()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        var froms = Regex.Matches(dockerfile, @"^FROM (\S+)(?: AS (\S+))?", RegexOptions.Multiline).Select(m => (Image: m.Groups[1].Value, Stage: m.Groups[2].Value)).ToList();
        Assert.Contains(("mcr.microsoft.com/dotnet/sdk:10.0", "build"), froms);
        Assert.Contains(froms, f => f.Image.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        Assert.StartsWith("debian:bookworm", froms[^1].Image, StringComparison.Ordinal);

        // The same publish as ./radanon serve, and every runtime package the serve script installs.
        var script = File.ReadAllText(Path.Combine(Root, "radanon"));
        Assert.Contains("publish_if_stale src/RadAnon.Api", script, StringComparison.Ordinal);
        Assert.Contains("dotnet publish \"$1\" -c Release", script, StringComparison.Ordinal);
        Assert.Contains("RUN dotnet publish src/RadAnon.Api -c Release -o /app", dockerfile, StringComparison.Ordinal);
        var prerequisites = File.ReadAllText(Path.Combine(Root, "tools", "install-prerequisites.sh"));
        var runtimePackages = Regex.Match(prerequisites, @"^runtime_packages=\(([^)]*)\)", RegexOptions.Multiline).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(runtimePackages);
        Assert.All(runtimePackages, p => Assert.Matches($@"\s{Regex.Escape(p)}(\s|$)", dockerfile));

        var user = Regex.Match(dockerfile, @"^USER (\S+)", RegexOptions.Multiline).Groups[1].Value;
        Assert.NotEmpty(user);
        Assert.DoesNotMatch("^(root|0)(:|$)", user);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"RadAnon.Api.dll\", \"--urls\", \"http://0.0.0.0:8080\"]", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^EXPOSE 8080$", dockerfile);
        Assert.Matches(@"(?s)HEALTHCHECK .*http://127\.0\.0\.1:8080/health/ready", dockerfile);
    }

    [YamlFact]
    public void Compose_TwoApiReplicas_BehindNginx_WithThePostgresLedger()
    {
        var compose = Assert.Single(Yaml.Load(Path.Combine(Root, "docker-compose.yml")));
        var services = compose.GetProperty("services");
        var api = services.GetProperty("api");
        Assert.Equal(2, api.GetProperty("deploy").GetProperty("replicas").GetInt32());
        Assert.False(api.TryGetProperty("ports", out _), "the replicas are reached through the proxy only");
        var environment = api.GetProperty("environment");
        Assert.Contains("Host=postgres;", environment.GetProperty("RadAnon__PostgresConnectionString").GetString(), StringComparison.Ordinal);
        AssertKnownSettings(environment.EnumerateObject().Select(p => p.Name));
        Assert.True(services.TryGetProperty("postgres", out var postgres));
        Assert.StartsWith("postgres:", postgres.GetProperty("image").GetString(), StringComparison.Ordinal);

        var proxy = services.GetProperty("proxy");
        Assert.StartsWith("nginx:", proxy.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Contains(proxy.GetProperty("volumes").EnumerateArray(), v => v.GetString() == "./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro");
        Assert.True(proxy.GetProperty("depends_on").TryGetProperty("api", out _));
        foreach (var secret in compose.GetProperty("secrets").EnumerateObject())
        {
            Assert.StartsWith("./deploy/secrets/", secret.Value.GetProperty("file").GetString(), StringComparison.Ordinal);
        }
    }

    [YamlFact]
    public void Kubernetes_Manifests_ProbesNonRootReadOnly_AndTheirReferencesAgree()
    {
        var directory = Path.Combine(Root, "deploy", "k8s");
        var files = Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        var docs = files.SelectMany(Yaml.Load).ToList();
        JsonElement Kind(string kind) => Assert.Single(docs, d => d.GetProperty("kind").GetString() == kind);
        string Name(JsonElement d) => d.GetProperty("metadata").GetProperty("name").GetString()!;

        var kustomization = Kind("Kustomization");
        Assert.Equal(
            files.Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal),
            kustomization.GetProperty("resources").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));

        var deployment = Kind("Deployment");
        var pod = deployment.GetProperty("spec").GetProperty("template");
        var podSpec = pod.GetProperty("spec");
        Assert.True(podSpec.GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean());
        Assert.NotEqual(0, podSpec.GetProperty("securityContext").GetProperty("runAsUser").GetInt32());
        var container = Assert.Single(podSpec.GetProperty("containers").EnumerateArray());
        Assert.True(container.GetProperty("securityContext").GetProperty("readOnlyRootFilesystem").GetBoolean());
        Assert.False(container.GetProperty("securityContext").GetProperty("allowPrivilegeEscalation").GetBoolean());
        Assert.Equal("/health/live", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/health/ready", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        var port = Assert.Single(container.GetProperty("ports").EnumerateArray());
        Assert.Equal(8080, port.GetProperty("containerPort").GetInt32()); // the Dockerfile's --urls
        foreach (var kind in new[] { "requests", "limits" })
        {
            var resources = container.GetProperty("resources").GetProperty(kind);
            Assert.True(resources.TryGetProperty("cpu", out _) && resources.TryGetProperty("memory", out _), $"resources.{kind} needs cpu and memory");
        }

        // /tmp is writable through an emptyDir; every mount has a volume.
        var volumes = podSpec.GetProperty("volumes").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        var mounts = container.GetProperty("volumeMounts").EnumerateArray().ToList();
        var tmp = Assert.Single(mounts, m => m.GetProperty("mountPath").GetString() == "/tmp");
        Assert.True(volumes[tmp.GetProperty("name").GetString()!].TryGetProperty("emptyDir", out _));
        Assert.All(mounts, m => Assert.True(volumes.ContainsKey(m.GetProperty("name").GetString()!)));

        // The ConfigMap and Secret the pod reads exist and hold what it asks for.
        var configMap = Kind("ConfigMap");
        var secret = Kind("Secret");
        Assert.Equal(Name(configMap), Assert.Single(container.GetProperty("envFrom").EnumerateArray()).GetProperty("configMapRef").GetProperty("name").GetString());
        var secretKeys = secret.GetProperty("stringData").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var env in container.GetProperty("env").EnumerateArray())
        {
            var reference = env.GetProperty("valueFrom").GetProperty("secretKeyRef");
            Assert.Equal(Name(secret), reference.GetProperty("name").GetString());
            Assert.Contains(reference.GetProperty("key").GetString()!, secretKeys);
        }

        var secretVolume = volumes.Values.Single(v => v.TryGetProperty("secret", out _)).GetProperty("secret");
        Assert.Equal(Name(secret), secretVolume.GetProperty("secretName").GetString());
        Assert.All(secretVolume.GetProperty("items").EnumerateArray(), i => Assert.Contains(i.GetProperty("key").GetString()!, secretKeys));
        var settings = configMap.GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        AssertKnownSettings(settings.Keys.Concat(container.GetProperty("env").EnumerateArray().Select(e => e.GetProperty("name").GetString()!)));
        var secretMount = mounts.Single(m => volumes[m.GetProperty("name").GetString()!].TryGetProperty("secret", out _)).GetProperty("mountPath").GetString();
        Assert.StartsWith(secretMount + "/", settings["RadAnon__SigningKeyPath"], StringComparison.Ordinal);
        Assert.StartsWith(secretMount + "/", settings["RadAnon__PseudonymKeyFile"], StringComparison.Ordinal);

        // The Service selects the pods and the autoscaler scales the Deployment.
        var labels = pod.GetProperty("metadata").GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        var service = Kind("Service").GetProperty("spec");
        Assert.All(service.GetProperty("selector").EnumerateObject(), s => Assert.Equal(labels[s.Name], s.Value.GetString()));
        Assert.Equal(port.GetProperty("name").GetString(), Assert.Single(service.GetProperty("ports").EnumerateArray()).GetProperty("targetPort").GetString());
        var target = Kind("HorizontalPodAutoscaler").GetProperty("spec").GetProperty("scaleTargetRef");
        Assert.Equal(("Deployment", Name(deployment)), (target.GetProperty("kind").GetString(), target.GetProperty("name").GetString()));
    }

    [Fact]
    public void Nginx_BodyLimit_IsTheApisDefaultRequestLimit()
    {
        var conf = File.ReadAllText(Path.Combine(Root, "deploy", "nginx", "nginx.conf"));
        var size = Regex.Match(conf, @"^\s*client_max_body_size (\d+)([kmg]?);", RegexOptions.Multiline);
        Assert.True(size.Success, "nginx.conf sets client_max_body_size");
        var bytes = long.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) << (size.Groups[2].Value switch { "k" => 10, "m" => 20, "g" => 30, _ => 0 });
        Assert.Equal(AppSettings().GetProperty("Limits").GetProperty("MaxRequestBytes").GetInt64(), bytes);
        Assert.Matches(@"(?m)^\s*proxy_request_buffering off;", conf);
        Assert.Matches(@"(?m)^\s*server api:8080\b", conf);
    }

    [ToolFact("nginx", RequiresCorpus = false)]
    public void Nginx_ConfigPassesNginxT()
    {
        // Outside compose the service name `api` does not resolve; nginx -t resolves upstream hosts, so point it here.
        var directory = Directory.CreateTempSubdirectory("radanon-nginx-").FullName;
        try
        {
            var conf = File.ReadAllText(Path.Combine(Root, "deploy", "nginx", "nginx.conf")).Replace("server api:8080", "server 127.0.0.1:8080", StringComparison.Ordinal);
            var path = Path.Combine(directory, "nginx.conf");
            File.WriteAllText(path, conf);
            var result = ExternalTool.Run("nginx", ["-t", "-p", directory, "-c", path]);
            Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
            Assert.Contains("test is successful", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Every RadAnon__X__Y variable names a setting that appsettings.json declares (a typo would be ignored silently).</summary>
    private static void AssertKnownSettings(IEnumerable<string> variables)
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Walk(JsonElement e, string path)
        {
            known.Add(path);
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    Walk(p.Value, path + "__" + p.Name);
                }
            }
        }

        Walk(AppSettings(), "RadAnon");
        foreach (var name in variables.Where(v => v.StartsWith("RadAnon__", StringComparison.Ordinal)))
        {
            // Array entries (RadAnon__Security__ApiKeySha256__0) belong to their array's setting.
            var setting = Regex.Replace(name, "__[0-9]+$", string.Empty);
            Assert.True(known.Contains(setting), $"{name} is not a setting in src/RadAnon.Api/appsettings.json");
        }
    }

    private static JsonElement AppSettings()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "src", "RadAnon.Api", "appsettings.json")));
        return doc.RootElement.GetProperty("RadAnon").Clone();
    }
}

/// <summary>YAML documents parsed by PyYAML (python3-yaml, an outside parser) and handed over as JSON.</summary>
internal static class Yaml
{
    private const string Convert = "import json, sys, yaml\nwith open(sys.argv[1], encoding='utf-8') as f:\n    print(json.dumps([d for d in yaml.safe_load_all(f) if d is not None]))";

    public static IReadOnlyList<JsonElement> Load(string path)
    {
        var result = ExternalTool.Run("python3", ["-c", Convert, path]);
        Assert.True(result.ExitCode == 0, $"{Path.GetFileName(path)} is not valid YAML: {result.StandardError}");
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public static bool IsAvailable()
    {
        try
        {
            return ExternalTool.Run("python3", ["-c", "import yaml"], TimeSpan.FromSeconds(30)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>Needs python3 with PyYAML: skips outside CI when it is missing; in CI ./radanon test installs python3-yaml.</summary>
public sealed class YamlFactAttribute : FactAttribute
{
    public YamlFactAttribute()
    {
        if (!Repository.IsCI && !Yaml.IsAvailable())
        {
            Skip = "needs python3 with PyYAML (python3-yaml, installed by ./radanon test)";
        }
    }
}
