namespace Varde.Domain.Messages;

/// <summary>
/// A photo sent with a message, as Varde stores it: re-encoded on the server from the checked upload (JPEG, at most
/// <see cref="MaxEdge"/> pixels on the long edge, no metadata: no EXIF location, no camera serial), never the bytes as
/// sent. Kept per patient and found again by its hash, so sending the same photo twice stores it once. Written once.
/// Health data: never log it.
/// </summary>
public sealed class MessagePhoto
{
    public const int MaxEdge = 1600;
    public const int MaxUploadBytes = 10 * 1024 * 1024;

    private MessagePhoto()
    {
        ContentType = "";
        Bytes = [];
        Sha256 = "";
        UploadedBy = "";
    }

    public MessagePhoto(Guid id, Guid patientId, string contentType, byte[] bytes, int width, int height, string sha256, string uploadedBy, DateTimeOffset uploadedAt)
    {
        Id = id;
        PatientId = patientId;
        ContentType = contentType;
        Bytes = bytes;
        Width = width;
        Height = height;
        Sha256 = sha256;
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public string ContentType { get; private set; }

    public byte[] Bytes { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>SHA-256 of the upload as sent (hex): the same photo sent again is found by it.</summary>
    public string Sha256 { get; private set; }

    public string UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }
}
