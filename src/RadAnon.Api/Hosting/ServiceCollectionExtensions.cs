using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using OpenTelemetry.Metrics;
using RadAnon.Api.Problems;
using RadAnon.Api.Requests;
using RadAnon.Api.Security;
using RadAnon.Core;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text.Learned;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;

namespace RadAnon.Api.Hosting;

/// <summary>Registers the service: settings, pipeline, ledger, limits, problem details, rate limiting and metrics.</summary>
public static class ServiceCollectionExtensions
{
    public static WebApplicationBuilder AddRadAnon(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(RadAnonSettings.Section).Get<RadAnonSettings>() ?? new RadAnonSettings();
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(settings.Limits);

        // Multipart framing adds a little to the file itself; the reader enforces the exact limit on the file.
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = settings.Limits.MaxRequestBytes + (1024 * 1024);
            // A body that drips slower than this after the grace period is cut off (408), so it cannot hold a buffer forever.
            k.Limits.MinRequestBodyDataRate = settings.Limits.MinRequestBodyBytesPerSecond > 0
                ? new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(settings.Limits.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(settings.Limits.MinRequestBodyGraceSeconds))
                : null;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        });

        services.AddSingleton(_ => string.IsNullOrWhiteSpace(settings.ProfilesFile) ? ProfileConfiguration.Default : ProfileConfiguration.Load(settings.ProfilesFile));
        services.AddSingleton<IOcr>(_ => new LazyOcr(new TesseractOptions { TessdataPath = settings.TessdataPath }));
        services.AddSingleton(_ => new LazyTextDetector(settings.TextModelPath));
        services.AddHostedService<TextModelWarmup>();

        // Derived from the signing key unless a file is configured: replicas that share the signing key agree on input
        // hashes and key owner ids without another secret to distribute.
        services.AddSingleton(sp => string.IsNullOrWhiteSpace(settings.ReportKeyPath)
            ? ReportKey.FromSecret(sp.GetRequiredService<ReportSigner>().DeriveSecret("radanon report key v1"))
            : ReportKey.LoadOrCreate(settings.ReportKeyPath));
        services.AddSingleton(sp => new Anonymizer(sp.GetRequiredService<IOcr>(), sp.GetRequiredService<ProfileConfiguration>(),
            settings.Limits.ToAnonymizerLimits(), sp.GetRequiredService<LazyTextDetector>()) { ReportKey = sp.GetRequiredService<ReportKey>() });
        services.AddSingleton(_ => new PixelJobGate(settings.Limits.EffectiveConcurrency, TimeSpan.FromSeconds(settings.Limits.QueueTimeoutSeconds)));
        services.AddSingleton(_ => ReportSigner.LoadOrCreate(settings.SigningKeyPath ?? Path.Combine(settings.DataDirectory, "signing-key.pem")));
        services.AddSingleton<ILedger>(sp => LedgerFactory.Create(settings.PostgresConnectionString, settings.DataDirectory, sp.GetRequiredService<ReportSigner>()));
        services.AddHostedService<LedgerMigration>();
        services.AddSingleton(_ => new PseudonymKeySource(settings.PseudonymKeyFile));
        services.AddSingleton<RadAnonMetrics>();
        services.AddSingleton(_ => new UploadBudget(settings.Limits.EffectiveMaxBufferedUploadBytes));
        services.AddSingleton<ImageUploadReader>();
        services.AddSingleton<AnonymizationService>();
        services.AddSingleton<BatchUploadReader>();
        services.AddSingleton<BatchService>();

        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemMapper.UseStableTypes);
        services.AddExceptionHandler<ProblemMapper>();
        services.AddOpenApi(openApi => openApi.AddOperationTransformer<ImageBodyOperationTransformer>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(RadAnonMetrics.MeterName)
            .AddPrometheusExporter());
        AddRateLimiting(services, settings.Security);
        // ASP.NET Core believes every sender when KnownProxies and KnownIPNetworks are both empty, so without a trusted
        // proxy no forwarded header is read at all (else a client could pick its own rate-limit partition).
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true keeps its documented meaning: believe any sender (compose, k8s).
        var believeAnySender = builder.Configuration.GetValue<bool>("FORWARDEDHEADERS_ENABLED");
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = settings.Security.TrustedProxies.Count > 0 || believeAnySender
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Security.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        if (settings.Security.CorsOrigins.Count > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins([.. settings.Security.CorsOrigins])
                .WithMethods("GET", "POST").WithHeaders("Content-Type", ApiKeyMiddleware.Header, "Authorization")
                .WithExposedHeaders("RadAnon-Report-Id", "Link", "Content-Disposition")));
        }

        return builder;
    }

    private static void AddRateLimiting(IServiceCollection services, SecuritySettings security)
    {
        if (security.RequestsPerMinute <= 0)
        {
            return;
        }

        services.AddRateLimiter(limiter =>
        {
            // Runs after authentication: in key mode the partition is the authenticated key (a header a client makes up
            // never reaches here, see ApiKeyMiddleware for failed attempts); in open mode it is the client address only.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetNoLimiter("open")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        ApiCaller.Of(context) is { } caller ? "key:" + caller.Owner : "ip:" + context.Connection.RemoteIpAddress,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = security.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, _) =>
            {
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await ProblemMapper.WriteAsync(rejected.HttpContext, problems, ProblemTypes.RateLimited,
                    $"more than {security.RequestsPerMinute} requests per minute from this API key or client; retry later", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            };
        });
    }
}

/// <summary>Brings the ledger schema up to date before the first request.</summary>
internal sealed class LedgerMigration : IHostedService
{
    private readonly ILedger _ledger;
    private readonly ReportSigner _signer;
    private readonly ILogger<LedgerMigration> _logger;

    public LedgerMigration(ILedger ledger, ReportSigner signer, ILogger<LedgerMigration> logger)
    {
        _ledger = ledger;
        _signer = signer;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _ledger.MigrateAsync(cancellationToken).ConfigureAwait(false);
            Log.LedgerReady(_logger, _ledger.Provider, await _ledger.CountAsync(cancellationToken).ConfigureAwait(false), _signer.KeyId);
        }
        catch (LedgerUnavailableException)
        {
            // Start anyway: /health/ready reports not-ready and every anonymize request is refused with 503 until it answers.
            Log.LedgerUnreachableAtStart(_logger, _ledger.Provider);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
