using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using System.Security.Cryptography;

namespace HealthOracle.Functions.Models;

/// <summary>
/// Turns a manifest entry into a verified, ready session: download, SHA-256, the graph's inputs and
/// output against the disease's schema and the manifest, then the session. Used for first loads and
/// for candidates loaded beside the served version.
/// </summary>
internal sealed class ModelLoader(IModelStore store, TimeProvider time)
{
    public async Task<LoadedModel> LoadAsync(ModelEntry entry, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (!DiseaseCatalog.TryGet(entry.Disease, out var disease))
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.ManifestInvalid, "The manifest's entry names a disease this app does not know.");
        }

        var expected = disease.InputNames.ToArray();
        if (!entry.Inputs.SequenceEqual(expected))
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.InputsMismatch, "The manifest's inputs are not the disease's fields in order.");
        }

        if (entry.Explanation is { } explanation && explanation.Reference.Count != expected.Length)
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.ManifestInvalid, "The manifest's reference patient does not have one value per input.");
        }

        var bytes = await store.DownloadAsync(entry, cancellationToken);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(hash, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.HashMismatch, "The downloaded model's SHA-256 differs from the manifest's.");
        }

        var session = CreateSession(entry, bytes);
        try
        {
            Verify(entry, session, expected);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        return new LoadedModel(entry, session, expected, time.GetUtcNow(), time.GetElapsedTime(started).TotalMilliseconds);
    }

    private static InferenceSession CreateSession(ModelEntry entry, byte[] bytes)
    {
        // A tiny model on a one- or two-core instance: threads and spinning would only cost CPU that
        // other requests need, so run single-threaded and let idle threads sleep (one intra-op thread is the
        // caller's own: the session starts no pool). No arena and no memory pattern: a model of a few
        // kilobytes needs a few kilobytes per run, and a per-session arena would keep the largest batch's
        // buffers for the session's life, once per disease and again for a candidate loaded beside it
        // (bench/memory/README.md has the figures).
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            EnableCpuMemArena = false,
            EnableMemoryPattern = false,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        try
        {
            return new InferenceSession(bytes, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.Corrupt, "ONNX Runtime could not load the model.", e);
        }
    }

    private static void Verify(ModelEntry entry, InferenceSession session, string[] expected)
    {
        var inputs = session.InputMetadata;
        var inputsMatch = inputs.Count == expected.Length && expected.All(name =>
            inputs.TryGetValue(name, out var meta)
            && meta.IsTensor
            && meta.ElementDataType == TensorElementType.Float
            && meta.Dimensions is [<= 0, 1]);
        if (!inputsMatch)
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.InputsMismatch, "The graph's inputs are not one float32 [N,1] tensor per field.");
        }

        var outputMatches = session.OutputMetadata.TryGetValue(entry.Output, out var output)
            && output.IsTensor
            && output.ElementDataType == TensorElementType.Float
            && output.Dimensions is [<= 0] or [<= 0, 1];
        if (!outputMatches)
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.OutputMismatch, "The graph has no float32 [N] or [N,1] output of the manifest's name.");
        }

        var logOddsMatches = entry.Explanation?.LogOddsOutput is not { } logOdds
            || (session.OutputMetadata.TryGetValue(logOdds, out var logOddsOutput)
                && logOddsOutput.IsTensor
                && logOddsOutput.ElementDataType == TensorElementType.Float
                && logOddsOutput.Dimensions is [<= 0] or [<= 0, 1]);
        if (!logOddsMatches)
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.OutputMismatch, "The graph has no float32 [N] or [N,1] log-odds output of the manifest's name.");
        }

        if (entry.Interval is { } interval)
        {
            VerifyInterval(entry, interval, session);
        }
    }

    /// <summary>An interval the manifest describes must hold together and have the log-odds and a float32 [N, terms] terms output to read.</summary>
    private static void VerifyInterval(ModelEntry entry, IntervalInfo interval, InferenceSession session)
    {
        var problem = RiskIntervals.Problem(interval) ?? (entry.Explanation?.LogOddsOutput is null ? "it needs the log-odds output" : null);
        if (problem is not null)
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.ManifestInvalid, $"The manifest's interval cannot be used: {problem}.");
        }

        var termsMatch = session.OutputMetadata.TryGetValue(interval.TermsOutput, out var terms)
            && terms.IsTensor
            && terms.ElementDataType == TensorElementType.Float
            && terms.Dimensions is [<= 0, var columns] && columns == interval.Terms.Count;
        if (!termsMatch)
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.OutputMismatch, "The graph has no float32 [N, terms] output of the manifest's interval terms.");
        }
    }
}
