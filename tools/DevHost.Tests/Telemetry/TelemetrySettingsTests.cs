using System.Text.Json;
using Google.Protobuf;
using HealthOracle.DevHost.Http;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Otlp;
using HealthOracle.DevHost.Telemetry;
using HealthOracle.DevHost.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthOracle.DevHost.Tests.Telemetry;

/// <summary>The --telemetry and --otlp switches, what the worker is given, and the OTLP decoding behind the summary.</summary>
public sealed class TelemetrySettingsTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("devhost-app-").FullName;

    public TelemetrySettingsTests() =>
        File.WriteAllText(Path.Combine(_app, "worker.config.json"), """{ "description": { "defaultWorkerPath": "App.dll" } }""");

    [Theory]
    [InlineData(null, null, false, null)]
    [InlineData("summary", null, true, null)]
    [InlineData("off", "http://127.0.0.1:4318", false, "http://127.0.0.1:4318/")]
    public void Options_Switches_AreParsed(string? telemetry, string? otlp, bool summary, string? forward)
    {
        var options = DevHostOptions.FromConfiguration(Configuration(telemetry, otlp));

        Assert.Equal(summary, options.TelemetrySummary);
        Assert.Equal(forward, options.OtlpEndpoint?.ToString());
    }

    [Theory]
    [InlineData("verbose", null)]
    [InlineData(null, "127.0.0.1:4318")]
    [InlineData(null, "grpc://127.0.0.1:4317")]
    public void Options_OtherValues_AreRefusedAtStart(string? telemetry, string? otlp) =>
        Assert.Throws<InvalidOperationException>(() => DevHostOptions.FromConfiguration(Configuration(telemetry, otlp)));

    [Fact]
    public void WorkerEnvironment_Summary_PointsTheWorkerAtTheReceiverKeepingTheSettingsIntervals()
    {
        var host = Host(summary: true, values: new() { ["OTEL_METRIC_EXPORT_INTERVAL"] = "10000" });
        host.Telemetry.ReceiverUri = new Uri("http://127.0.0.1:45678/");

        var start = WorkerProcess.CreateStartInfo(host, "worker-1");

        Assert.Equal("http://127.0.0.1:45678", start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("10000", start.Environment["OTEL_METRIC_EXPORT_INTERVAL"]);
        Assert.Equal("500", start.Environment["OTEL_BSP_SCHEDULE_DELAY"]);
    }

    [Fact]
    public void WorkerEnvironment_Off_LeavesTheSettingsEndpointAlone()
    {
        var host = Host(summary: false, values: new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317" });

        var start = WorkerProcess.CreateStartInfo(host, "worker-1");

        Assert.Equal("http://collector:4317", start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.False(start.Environment.ContainsKey("OTEL_EXPORTER_OTLP_PROTOCOL"));
        Assert.False(start.Environment.ContainsKey("OTEL_BSP_SCHEDULE_DELAY"));
    }

    [Fact]
    public void Decoder_SpansAndPoints_KeepIdsAttributesAndValues()
    {
        var traceId = ByteString.CopyFrom(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());
        var span = new Span { TraceId = traceId, SpanId = ByteString.CopyFrom(new byte[8] { 1, 2, 3, 4, 5, 6, 7, 8 }), Name = "predict heart", StartTimeUnixNano = 1_000_000, EndTimeUnixNano = 3_500_000 };
        span.Attributes.Add(new KeyValue { Key = "patients", Value = new AnyValue { IntValue = 3 } });
        var spans = new ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "HealthOracle.Functions" }, Spans = { span } } } } } };
        var point = new NumberDataPoint { AsInt = 7 };
        point.Attributes.Add(new KeyValue { Key = "disease", Value = new AnyValue { StringValue = "heart" } });
        var metrics = new ExportMetricsServiceRequest { ResourceMetrics = { new ResourceMetrics { ScopeMetrics = { new ScopeMetrics { Metrics = { new Metric { Name = "healthoracle.predictions", Sum = new Sum { DataPoints = { point } } } } } } } } };

        var decodedSpan = Assert.Single(OtlpDecoder.Spans(ExportTraceServiceRequest.Parser.ParseFrom(spans.ToByteArray())));
        var decodedPoint = Assert.Single(OtlpDecoder.Points(ExportMetricsServiceRequest.Parser.ParseFrom(metrics.ToByteArray())));

        Assert.Equal(("0102030405060708090a0b0c0d0e0f10", "0102030405060708", null, "HealthOracle.Functions", 2.5), (decodedSpan.TraceId, decodedSpan.SpanId, decodedSpan.ParentSpanId, decodedSpan.Source, decodedSpan.DurationMs));
        Assert.Equal("3", decodedSpan.Attributes["patients"]);
        Assert.Equal(("healthoracle.predictions{disease=heart}", 7.0), (decodedPoint.Key, decodedPoint.Value));
    }

    [Fact]
    public void Decoder_HistogramPointWithoutMeasurement_HasNoMinimumOrMaximum()
    {
        // What OpenTelemetry .NET exports for a point collected before its first measurement lands: count 0, min +∞, max −∞.
        var empty = new HistogramDataPoint { Count = 0, Sum = 0, Min = double.PositiveInfinity, Max = double.NegativeInfinity };
        var measured = new HistogramDataPoint { Count = 2, Sum = 30, Min = 10, Max = 20 };
        measured.Attributes.Add(new KeyValue { Key = "disease", Value = new AnyValue { StringValue = "heart" } });
        var metrics = new ExportMetricsServiceRequest { ResourceMetrics = { new ResourceMetrics { ScopeMetrics = { new ScopeMetrics { Metrics =
        {
            new Metric { Name = "healthoracle.model.load.duration", Unit = "ms", Histogram = new Histogram { DataPoints = { empty, measured } } },
        } } } } } };

        var points = OtlpDecoder.Points(ExportMetricsServiceRequest.Parser.ParseFrom(metrics.ToByteArray())).ToList();

        Assert.Equal((0.0, 0.0, (double?)null, (double?)null), (points[0].Value, points[0].Sum, points[0].Min, points[0].Max));
        Assert.Equal((2.0, 30.0, (double?)10, (double?)20), (points[1].Value, points[1].Sum, points[1].Min, points[1].Max));
    }

    [Fact]
    public void AdminTelemetry_WhateverNumbersTheWorkerSent_IsWrittenAsJson()
    {
        var log = new TelemetryLog(NullLogger<TelemetryLog>.Instance, print: false);
        log.Add(new MetricPointRecord("a.gauge", "", "gauge", new Dictionary<string, string>(), double.NaN));
        log.Add(new MetricPointRecord("a.sum", "", "sum", new Dictionary<string, string>(), double.PositiveInfinity));
        log.Add(new MetricPointRecord("a.histogram", "ms", "histogram", new Dictionary<string, string>(), 0, 0));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(AdminApi.TelemetryBody(log), AdminApi.TelemetryJson));

        var metrics = json.RootElement.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal("NaN", metrics["a.gauge"].GetProperty("value").GetString());
        Assert.Equal("Infinity", metrics["a.sum"].GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Null, metrics["a.histogram"].GetProperty("max").ValueKind);
    }

    public void Dispose() => Directory.Delete(_app, recursive: true);

    private IConfiguration Configuration(string? telemetry, string? otlp) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["app"] = _app, ["telemetry"] = telemetry, ["otlp"] = otlp }).Build();

    private DevHostContext Host(bool summary, Dictionary<string, string> values) =>
        new(new DevHostOptions(_app, 7071, null, null, 5173, TelemetrySummary: summary), new LocalSettings { Values = values }, new HostJson("api", TimeSpan.FromMinutes(1)));
}
