using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BrandFlow.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry traces (and logs) of every host: HTTP requests, orchestrations and activities (the Durable Task SDK's
/// "Microsoft.DurableTask" source), SendGrid calls, each tagged with the application they concern. Exported to
/// Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set (Azure), to an OTLP collector when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set, and to the console with BrandFlow__Telemetry__Console=true (local).
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The application a span concerns (application id, from the route or the workflow instance).</summary>
    public const string ApplicationIdTag = "brandflow.application_id";

    /// <summary>The Durable Task SDK's trace source.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>The setting of Application Insights (the name Azure and the exporter use).</summary>
    public const string AppInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The setting of an OTLP collector (the OpenTelemetry standard name).</summary>
    public const string OtlpSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Registers tracing and log export; exporters as configured (none configured: nothing leaves the process).</summary>
    public static IHostApplicationBuilder AddBrandFlowTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var appInsights = configuration[AppInsightsSetting];
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpSetting]);
        var console = configuration.GetValue("BrandFlow:Telemetry:Console", defaultValue: false);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: builder.Environment.ApplicationName, serviceNamespace: "BrandFlow"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(DurableTaskSource)
                    .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.RouteValues.TryGetValue("id", out var id) && request.Path.StartsWithSegments("/api/applications", StringComparison.OrdinalIgnoreCase))
                        {
                            activity.SetTag(ApplicationIdTag, id?.ToString());
                        }
                    })
                    .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request =>
                        request.RequestUri?.AbsolutePath.StartsWith("/v3/mail/", StringComparison.Ordinal) == true)
                    .AddProcessor(new ApplicationIdProcessor());
                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
                }

                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }

                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            });

        if (!string.IsNullOrWhiteSpace(appInsights) || otlp)
        {
            telemetry.WithLogging(logging =>
            {
                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    logging.AddAzureMonitorLogExporter(o => o.ConnectionString = appInsights);
                }

                if (otlp)
                {
                    logging.AddOtlpExporter();
                }
            });
        }

        return builder;
    }

    /// <summary>The application id of a workflow instance: an application's instance id, or the part before its first '~' (a department review).</summary>
    public static string? ApplicationIdOf(string? orchestrationName, string? instanceId)
    {
        if (string.IsNullOrEmpty(instanceId) || orchestrationName is not ("AwardApplication" or "DepartmentReview"))
        {
            return null;
        }

        var cut = instanceId.IndexOf('~', StringComparison.Ordinal);
        return cut < 0 ? instanceId : instanceId[..cut];
    }

    /// <summary>Tags the Durable Task SDK's orchestration and activity spans with the application they run for.</summary>
    private sealed class ApplicationIdProcessor : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.Source.Name != DurableTaskSource || data.GetTagItem(ApplicationIdTag) is not null)
            {
                return;
            }

            var instance = data.GetTagItem("durabletask.task.instance_id") as string;
            var name = data.GetTagItem("durabletask.task.name") as string;
            if (data.GetTagItem("durabletask.type") as string == "activity")
            {
                // An activity span names the activity; the kind of orchestration it runs for is its parent span's.
                name = data.Parent?.GetTagItem("durabletask.task.name") as string;
            }

            if (ApplicationIdOf(name, instance) is { } application)
            {
                data.SetTag(ApplicationIdTag, application);
            }
        }
    }
}
