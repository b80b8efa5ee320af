using System.Text;

namespace MetaAiTracker.Benchmarks.Load;

/// <summary>
/// Reads the parts of a Blazor Server render batch (the bytes of <c>JS.RenderBatch</c>, written by the framework's
/// RenderBatchWriter) that the load client needs: the string table, and the elements among the reference frames with
/// their attributes and event handler ids. It does not apply the edits to a document model.
/// </summary>
/// <remarks>
/// Layout: updated components (each: component id, edit count, 16-byte edits) then their offset table; reference
/// frames (count, then 20 bytes each: type + 16 bytes); disposed component ids; disposed event handler ids (8 bytes
/// each); the strings (length-prefixed UTF-8) then their offsets; and at the very end five int32 offsets, one per
/// section. An attribute frame is name index, value index (-1 for none), event handler id (uint64).
/// </remarks>
internal sealed class RenderBatch
{
    private const int FrameSize = 20;
    private const int ElementFrame = 1;
    private const int AttributeFrame = 3;

    private RenderBatch(IReadOnlyList<string> strings, IReadOnlyList<RenderedElement> elements, int updatedComponents, int disposedHandlers)
    {
        Strings = strings;
        Elements = elements;
        UpdatedComponents = updatedComponents;
        DisposedEventHandlers = disposedHandlers;
    }

    public IReadOnlyList<string> Strings { get; }

    /// <summary>Elements inserted or replaced by this batch, each with the attributes that follow it.</summary>
    public IReadOnlyList<RenderedElement> Elements { get; }

    public int UpdatedComponents { get; }

    public int DisposedEventHandlers { get; }

    public bool Contains(string text) => Strings.Any(s => s.Contains(text, StringComparison.Ordinal));

    public static RenderBatch Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20)
        {
            throw new FormatException($"a render batch has at least 20 bytes, this one {data.Length}");
        }

        var end = data.Length - 20;
        var updatedComponentsOffset = Int(data, end);
        var referenceFramesOffset = Int(data, end + 4);
        var disposedHandlersOffset = Int(data, end + 12);
        var stringTableOffset = Int(data, end + 16);
        if (stringTableOffset < 0 || stringTableOffset > end || (end - stringTableOffset) % 4 != 0 || referenceFramesOffset < 0 || referenceFramesOffset > end)
        {
            throw new FormatException("render batch offsets out of range");
        }

        var strings = new string[(end - stringTableOffset) / 4];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = ReadString(data, Int(data, stringTableOffset + (4 * i)));
        }

        string? Text(int index) => index >= 0 && index < strings.Length ? strings[index] : null;

        var frameCount = Int(data, referenceFramesOffset);
        var elements = new List<RenderedElement>();
        for (var i = 0; i < frameCount; i++)
        {
            var at = referenceFramesOffset + 4 + (i * FrameSize);
            if (Int(data, at) != ElementFrame)
            {
                continue;
            }

            var attributes = new List<RenderedAttribute>();
            for (var j = i + 1; j < frameCount; j++)
            {
                var attributeAt = referenceFramesOffset + 4 + (j * FrameSize);
                if (Int(data, attributeAt) != AttributeFrame)
                {
                    break;
                }

                attributes.Add(new RenderedAttribute(
                    Text(Int(data, attributeAt + 4)) ?? string.Empty,
                    Text(Int(data, attributeAt + 8)),
                    BitConverter.ToUInt64(data.Slice(attributeAt + 12, 8))));
            }

            elements.Add(new RenderedElement(Text(Int(data, at + 8)) ?? string.Empty, attributes));
        }

        return new RenderBatch(strings, elements, Int(data, updatedComponentsOffset), Int(data, disposedHandlersOffset));
    }

    private static int Int(ReadOnlySpan<byte> data, int at) =>
        at >= 0 && at + 4 <= data.Length ? BitConverter.ToInt32(data.Slice(at, 4)) : throw new FormatException($"render batch read past its end at {at}");

    /// <summary>BinaryWriter.Write(string): a 7-bit encoded byte length, then UTF-8.</summary>
    private static string ReadString(ReadOnlySpan<byte> data, int at)
    {
        int length = 0, shift = 0;
        byte b;
        do
        {
            b = data[at++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(data.Slice(at, length));
    }
}

internal sealed record RenderedAttribute(string Name, string? Value, ulong EventHandlerId);

internal sealed record RenderedElement(string Name, IReadOnlyList<RenderedAttribute> Attributes)
{
    public string? this[string name] => Attributes.FirstOrDefault(a => a.Name == name)?.Value;

    public ulong Handler(string name) => Attributes.FirstOrDefault(a => a.Name == name)?.EventHandlerId ?? 0;
}
