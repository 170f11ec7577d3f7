using SkiaSharp;
using Varde.Domain.Messages;

namespace Varde.Server.Features.Messages;

/// <summary>
/// Makes a photo safe to keep and show: the type is read from the bytes (JPEG, PNG or WebP; never the name or the
/// declared type), the image is decoded, turned upright as the camera said, scaled to at most
/// <see cref="MessagePhoto.MaxEdge"/> pixels on the long edge and encoded again as JPEG. What is stored is a new file:
/// no EXIF (no location, no camera serial), no comments, nothing hidden after the image.
/// </summary>
public static class PhotoReencoding
{
    /// <summary>Larger images are refused before decoding (a small file can claim a huge image).</summary>
    public const long MaxPixels = 50_000_000;

    public abstract record Result
    {
        public sealed record Photo(byte[] Jpeg, int Width, int Height) : Result;

        public sealed record Refused(string Message) : Result;
    }

    public static Result Reencode(byte[] upload)
    {
        if (upload.Length == 0)
            return new Result.Refused("The photo is empty.");
        if (upload.Length > MessagePhoto.MaxUploadBytes)
            return new Result.Refused($"A photo can be at most {MessagePhoto.MaxUploadBytes / (1024 * 1024)} MB.");
        if (!IsJpeg(upload) && !IsPng(upload) && !IsWebP(upload))
            return new Result.Refused(IsHeic(upload)
                ? "HEIC photos are not taken yet: set the camera to JPEG (\"Most compatible\") or send a screenshot."
                : "That is not a photo Varde takes: send a JPEG, PNG or WebP image.");

        using var codec = SKCodec.Create(new MemoryStream(upload, writable: false));
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
            return new Result.Refused("The photo could not be read: it may be damaged.");
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
            return new Result.Refused("The photo has too many pixels.");

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
            return new Result.Refused("The photo could not be read: it may be damaged.");
        using var upright = Upright(decoded, codec.EncodedOrigin);
        var scale = Math.Min(1.0, (double)MessagePhoto.MaxEdge / Math.Max(upright.Width, upright.Height));
        var (width, height) = (Math.Max(1, (int)Math.Round(upright.Width * scale)), Math.Max(1, (int)Math.Round(upright.Height * scale)));
        using var scaled = scale < 1.0 ? upright.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell)) : null;
        var final = scaled ?? upright;
        using var image = SKImage.FromBitmap(final);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return new Result.Photo(jpeg.ToArray(), final.Width, final.Height);
    }

    // The camera's orientation applied to the pixels, since the stored file carries no EXIF to say it.
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
            return source.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SKCanvas(result);
        var (w, h) = (source.Width, source.Height);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }

    private static bool IsJpeg(byte[] b) => b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;

    private static bool IsPng(byte[] b) => b.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

    private static bool IsWebP(byte[] b) => b.Length > 12 && b.AsSpan(0, 4).SequenceEqual("RIFF"u8) && b.AsSpan(8, 4).SequenceEqual("WEBP"u8);

    private static bool IsHeic(byte[] b) => b.Length > 12 && b.AsSpan(4, 4).SequenceEqual("ftyp"u8)
        && (b.AsSpan(8, 4).SequenceEqual("heic"u8) || b.AsSpan(8, 4).SequenceEqual("heix"u8) || b.AsSpan(8, 4).SequenceEqual("mif1"u8));
}
