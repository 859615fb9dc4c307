using RadAnon.Api.Endpoints;
using RadAnon.Api.Hosting;
using RadAnon.Api.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddRadAnon();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
if (app.Services.GetRequiredService<RadAnonSettings>().Security.CorsOrigins.Count > 0)
{
    app.UseCors();
}

app.UseMiddleware<ApiKeyMiddleware>();
if (app.Services.GetRequiredService<RadAnonSettings>().Security.RequestsPerMinute > 0)
{
    app.UseRateLimiter();
}

app.UseDefaultFiles();
app.UseStaticFiles();

app.MapAnonymizeEndpoints();
app.MapBatchEndpoints();
app.MapAnalyzeEndpoints();
app.MapReportEndpoints();
app.MapVerifyEndpoints();
app.MapProfileEndpoints();
app.MapKeyEndpoints();
app.MapHealthEndpoints();
app.MapOpenApi();
// The reference talks to this origin only (its CSP allows nothing else): no font CDN, AI agent, MCP or telemetry.
app.MapScalarApiReference(options => options.DisableDefaultFonts().DisableAgent().DisableMcp().DisableTelemetry().HideDeveloperTools());
app.MapPrometheusScrapingEndpoint("/metrics");

app.Run();

/// <summary>Visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
