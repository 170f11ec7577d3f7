using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Varde.Server.Features.Journal;

/// <summary>
/// The journal note as a printable A4 PDF (PDFsharp, MIT), from the same content as its Composition: title, patient,
/// period, author, then each section with its lines, wrapped and continued on new pages. The font (DejaVu Sans) is
/// embedded in Varde, so the PDF is the same on every machine.
/// </summary>
public static class JournalPdf
{
    private const string Family = "DejaVu Sans";
    private const double Margin = 50;

    static JournalPdf()
    {
        if (GlobalFontSettings.FontResolver is null)
            GlobalFontSettings.FontResolver = new EmbeddedFont();
    }

    public static byte[] Render(JournalNoteContent content, DateTimeOffset made)
    {
        using var document = new PdfDocument();
        document.Info.Title = content.Title;
        document.Info.Creator = "Varde";
        document.Info.CreationDate = made.UtcDateTime;
        var writer = new PageWriter(document);
        writer.Line(content.Title, 14, bold: true);
        writer.Space(4);
        foreach (var line in new[] { content.PatientLine, content.PeriodLine, content.AuthorLine })
            writer.Line(line, 10);
        foreach (var section in content.Sections)
        {
            writer.Space(10);
            writer.Line(section.Heading, 12, bold: true);
            foreach (var line in section.Lines)
                writer.Line(line, 10);
        }

        writer.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>Writes lines top to bottom, wrapping at the margin and starting a new page at the bottom.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private XGraphics? _graphics;
        private PdfPage? _page;
        private double _y;

        public void Space(double points) => _y += points;

        public void Line(string text, double size, bool bold = false)
        {
            var font = new XFont(Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            foreach (var piece in Wrap(text, font))
            {
                if (_graphics is null || _y + size * 1.4 > _page!.Height.Point - Margin)
                    NewPage();
                _graphics!.DrawString(piece, font, XBrushes.Black, new XPoint(Margin, _y + size));
                _y += size * 1.4;
            }
        }

        private IEnumerable<string> Wrap(string text, XFont font)
        {
            if (_graphics is null)
                NewPage();
            var width = _page!.Width.Point - 2 * Margin;
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && _graphics!.MeasureString(candidate, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            yield return line;
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        public void Dispose() => _graphics?.Dispose();
    }

    /// <summary>DejaVu Sans from Varde's own resources for every family asked for; bold is simulated.</summary>
    private sealed class EmbeddedFont : IFontResolver
    {
        private static readonly Lazy<byte[]> Bytes = new(() =>
        {
            using var stream = typeof(JournalPdf).Assembly.GetManifestResourceStream("Varde.Journal.DejaVuSans.ttf")
                ?? throw new InvalidOperationException("The journal note's font is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new("DejaVuSans", bold, italic);

        public byte[] GetFont(string faceName) => Bytes.Value;
    }
}
