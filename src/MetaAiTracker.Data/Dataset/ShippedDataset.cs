namespace MetaAiTracker.Data.Dataset;

/// <summary>The dataset shipped with the app (<c>meta-ai-2025.json</c>, embedded in this assembly).</summary>
public static class ShippedDataset
{
    public const string ResourceName = "MetaAiTracker.Data.Dataset.meta-ai-2025.json";

    public static byte[] ReadBytes()
    {
        using var stream = typeof(ShippedDataset).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static DatasetReadResult Read() => DatasetReader.Read(ReadBytes());
}
