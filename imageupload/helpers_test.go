package imageupload_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// gradient is a w×h test picture with smooth colour changes.
func gradient(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, color.RGBA{R: uint8(x * 255 / max(w-1, 1)), G: uint8(y * 255 / max(h-1, 1)), B: 128, A: 255})
		}
	}
	return m
}

// quadrants is an n×n picture: red top left, green top right, blue bottom left, white bottom
// right.
func quadrants(n int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, n, n))
	for y := range n {
		for x := range n {
			c := color.RGBA{A: 255}
			switch {
			case x < n/2 && y < n/2:
				c.R = 255
			case y < n/2:
				c.G = 255
			case x < n/2:
				c.B = 255
			default:
				c = color.RGBA{255, 255, 255, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, m))
	return b.Bytes()
}

func encodeJPEG(t testing.TB, m image.Image, quality int) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, m, &jpeg.Options{Quality: quality}))
	return b.Bytes()
}

func encodeGIF(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, gif.Encode(&b, m, nil))
	return b.Bytes()
}

// tinyWebP is testdata/1x1.webp: a 1×1 lossless WebP of the opaque colour #336699, written
// bit by bit from RFC 9649 (the WebP format). Its bytes, as the test checks:
//
//	"RIFF" 18 00 00 00 "WEBP"   RIFF header: 24 bytes follow the size field
//	"VP8L" 0c 00 00 00          the lossless chunk, 12 bytes
//	2f                          VP8L signature
//	00 00 00 00                 14 bits width-1 = 0, 14 bits height-1 = 0, alpha unused, version 0
//	a8 59 67 9a d9 ff 00        least significant bit first: no transform, no colour cache, no
//	                            meta prefix codes; then five simple prefix codes of one 8-bit
//	                            symbol each (1, 0, 1, symbol): green 0x66, red 0x33, blue
//	                            0x99, alpha 0xff; the distance code of one 1-bit symbol 0
//	                            (1, 0, 0, 0); the pixel itself needs no bits at all
var tinyWebP = []byte{
	'R', 'I', 'F', 'F', 0x18, 0, 0, 0, 'W', 'E', 'B', 'P',
	'V', 'P', '8', 'L', 0x0c, 0, 0, 0,
	0x2f,
	0, 0, 0, 0,
	0xa8, 0x59, 0x67, 0x9a, 0xd9, 0xff, 0x00,
}

func readWebP(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/1x1.webp")
	require.NoError(t, err)
	require.Equal(t, tinyWebP, data, "testdata/1x1.webp is the file the comment describes")
	return data
}

// forgedPNG is a PNG signature and an IHDR chunk (with a correct CRC) declaring w×h RGBA
// pixels, and nothing else: no pixel data at all.
func forgedPNG(w, h uint32) []byte {
	ihdr := make([]byte, 0, 17)
	ihdr = append(ihdr, "IHDR"...)
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA, deflate, adaptive filter, no interlace
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, 13)
	out = append(out, ihdr...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
}

// withExif inserts an APP1 Exif segment declaring orientation o right after a JPEG's SOI, in
// the byte order "II" (little-endian) or "MM" (big-endian).
func withExif(jpg []byte, order string, o uint16) []byte {
	var bo interface {
		AppendUint16([]byte, uint16) []byte
		AppendUint32([]byte, uint32) []byte
	} = binary.BigEndian
	if order == "II" {
		bo = binary.LittleEndian
	}
	tiff := []byte(order)
	tiff = bo.AppendUint16(tiff, 42)
	tiff = bo.AppendUint32(tiff, 8)      // IFD0 at offset 8
	tiff = bo.AppendUint16(tiff, 2)      // two entries
	tiff = bo.AppendUint16(tiff, 0x010f) // Make, ASCII, 4 bytes in place: "Go\0\0"
	tiff = bo.AppendUint16(tiff, 2)
	tiff = bo.AppendUint32(tiff, 4)
	tiff = append(tiff, 'G', 'o', 0, 0)
	tiff = bo.AppendUint16(tiff, 0x0112) // Orientation, SHORT, 1
	tiff = bo.AppendUint16(tiff, 3)
	tiff = bo.AppendUint32(tiff, 1)
	tiff = bo.AppendUint16(tiff, o)
	tiff = bo.AppendUint16(tiff, 0)
	tiff = bo.AppendUint32(tiff, 0) // no next IFD
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, 0xff, 0xe1)
	out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r interface{ Read([]byte) (int, error) }
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
