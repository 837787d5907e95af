package imageupload_test

import (
	"bytes"
	"errors"
	"image"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/imageupload"
	"github.com/profilekit/profilekit/validation"
)

// samples are small valid files of each accepted type.
func samples(t testing.TB) []struct {
	name, typ string
	data      []byte
	w, h      int
} {
	return []struct {
		name, typ string
		data      []byte
		w, h      int
	}{
		{"PNG", "image/png", encodePNG(t, gradient(40, 30)), 40, 30},
		{"JPEG", "image/jpeg", encodeJPEG(t, gradient(40, 30), 90), 40, 30},
		{"GIF", "image/gif", encodeGIF(t, gradient(40, 30)), 40, 30},
		{"WebP", "image/webp", readWebP(t), 1, 1},
	}
}

// requireCause asserts that err is a *validation.Cause at /file of kind k and returns it.
func requireCause(t *testing.T, err error, k validation.Kind) *validation.Cause {
	t.Helper()
	var c *validation.Cause
	require.ErrorAs(t, err, &c)
	assert.Equal(t, "/file", c.Location)
	assert.Equal(t, k, c.Kind)
	assert.NotEmpty(t, c.Details.Message)
	assert.ErrorIs(t, err, validation.ErrInvalid)
	if k == validation.KindFormat {
		assert.Equal(t, "image", c.Details.Format)
		assert.Equal(t, []string{"image/png", "image/jpeg", "image/gif", "image/webp"}, c.Details.Expected)
	}
	return c
}

func TestCheckAccepts(t *testing.T) {
	for _, s := range samples(t) {
		t.Run(s.name, func(t *testing.T) {
			img, err := imageupload.Config{}.Check(s.data)
			require.NoError(t, err)
			assert.Equal(t, s.typ, img.ContentType)
			assert.Equal(t, s.w, img.Width)
			assert.Equal(t, s.h, img.Height)
			assert.Same(t, &s.data[0], &img.Data[0], "Check returns the slice it was given")
			assert.Equal(t, s.typ, http.DetectContentType(s.data), "the type net/http would sniff")

			read, err := imageupload.Config{}.Read(bytes.NewReader(s.data))
			require.NoError(t, err)
			assert.Equal(t, s.data, read.Data)
			read.Data = img.Data
			assert.Equal(t, img, read)
		})
	}
}

func TestWebPTestdataDecodes(t *testing.T) {
	// The hand-written file is a real WebP: the variant decodes it, and its one pixel is #336699.
	out, err := imageupload.Config{ProfileSize: 4}.Variant(readWebP(t), "profile")
	require.NoError(t, err)
	m, _, err := image.Decode(bytes.NewReader(out.Data))
	require.NoError(t, err)
	r, g, b, a := m.At(2, 2).RGBA()
	assert.Equal(t, []uint32{0x33, 0x66, 0x99, 0xff}, []uint32{r >> 8, g >> 8, b >> 8, a >> 8})
}

func TestSniffAgreesWithNetHTTP(t *testing.T) {
	inputs := [][]byte{
		[]byte("\x89PNG\r\n\x1a\n"), []byte("\xff\xd8\xff"), []byte("GIF87a"), []byte("GIF89a"),
		[]byte("RIFF\x00\x00\x00\x00WEBPVP8 "), []byte("RIFF\x00\x00\x00\x00WEBPVP"),
		[]byte("RIFF\x00\x00\x00\x00WEBP"), []byte("\x89PNG\r\n\x1a"), []byte("\xff\xd8"), []byte("GIF88a"),
		[]byte("BM"), []byte("<html>"), []byte(" \x89PNG\r\n\x1a\n"), {}, []byte("%PDF-1.7"),
	}
	for _, s := range samples(t) {
		inputs = append(inputs, s.data)
	}
	for _, in := range inputs {
		ours, ok := imageupload.Sniff(in)
		theirs := http.DetectContentType(in)
		isImage := theirs == "image/png" || theirs == "image/jpeg" || theirs == "image/gif" || theirs == "image/webp"
		assert.Equal(t, isImage, ok, "%q: net/http says %s", in, theirs)
		if ok {
			assert.Equal(t, theirs, ours, "%q", in)
		}
	}
}

func TestCheckRefuses(t *testing.T) {
	png := encodePNG(t, gradient(40, 30))
	for _, tc := range []struct {
		name   string
		data   []byte
		actual any
		msg    string
	}{
		{"empty", []byte{}, nil, "empty"},
		{"nil", nil, nil, "empty"},
		{"text", []byte("hello, world"), nil, "not an image"},
		{"HTML", []byte("<!DOCTYPE html><img src=x>"), nil, "not an image"},
		{"PDF", []byte("%PDF-1.7\n"), nil, "not an image"},
		{"SVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), nil, "not an image"},
		{"PNG after a space", append([]byte(" "), png...), nil, "not an image"},
		{"BMP", []byte("BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00"), "image/bmp", "image/bmp is not supported"},
		{"TIFF", []byte("II*\x00\x08\x00\x00\x00"), "image/tiff", "image/tiff is not supported"},
		{"HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), "image/heic", "image/heic is not supported"},
		{"AVIF", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1"), "image/avif", "image/avif is not supported"},
		{"ICO", []byte("\x00\x00\x01\x00\x01\x00"), "image/x-icon", "not supported"},
		{"animated WebP", []byte("RIFF\x1e\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00ANIM"), nil, "animated WebP"},
		{"PNG signature only", png[:8], "image/png", "truncated"},
		{"PNG cut inside IHDR", png[:20], "image/png", "truncated"},
		{"PNG with a bad IHDR CRC", func() []byte { b := bytes.Clone(png); b[29] ^= 1; return b }(), "image/png", "not valid"},
		{"JPEG SOI only", []byte("\xff\xd8\xff"), "image/jpeg", "truncated"},
		{"JPEG with two components", badComponents(encodeJPEG(t, gradient(40, 30), 90)), "image/jpeg", "not valid"},
		{"GIF header only", []byte("GIF89a\x10\x00"), "image/gif", "truncated"},
		{"GIF without pixels", []byte("GIF89a\x00\x00\x00\x00\x00\x00\x00;"), nil, "no pixels"},
		{"WebP RIFF header only", []byte("RIFF\x04\x00\x00\x00WEBPVP8L"), "image/webp", ""},
		{"WebP truncated", tinyWebP[:22], "image/webp", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := imageupload.Config{}.Check(tc.data)
			assert.Equal(t, imageupload.Image{}, img)
			c := requireCause(t, err, validation.KindFormat)
			assert.Equal(t, tc.actual, c.Details.Actual)
			assert.Contains(t, c.Details.Message, tc.msg)
			_, err = imageupload.Config{}.Read(bytes.NewReader(tc.data))
			assert.Equal(t, c, requireCause(t, err, validation.KindFormat), "Read says the same")
		})
	}
}

func TestCheckLimits(t *testing.T) {
	for _, tc := range []struct {
		name             string
		cfg              imageupload.Config
		data             []byte
		expected, actual any
		msg              string
	}{
		{"forged 100000×100000 PNG", imageupload.Config{}, forgedPNG(100000, 100000), int64(40_000_000), int64(10_000_000_000), "pixels"},
		{"forged wide PNG", imageupload.Config{}, forgedPNG(1<<20, 1), 16384, 1 << 20, "width"},
		{"forged tall PNG", imageupload.Config{}, forgedPNG(10, 20000), 16384, 20000, "height"},
		{"forged wide PNG, a cap of our own", imageupload.Config{MaxSide: 100}, forgedPNG(101, 1), 100, 101, "width"},
		{"pixels, a cap of our own", imageupload.Config{MaxPixels: 1199}, encodePNG(t, gradient(40, 30)), int64(1199), int64(1200), "1200 pixels"},
		{"JPEG over the pixel cap", imageupload.Config{MaxPixels: 100}, encodeJPEG(t, gradient(40, 30), 50), int64(100), int64(1200), "pixels"},
		{"GIF over the side cap", imageupload.Config{MaxSide: 39}, encodeGIF(t, gradient(40, 30)), 39, 40, "width"},
		{"11 MB", imageupload.Config{}, append(forgedPNG(10, 10), make([]byte, 11<<20)...), int64(10 << 20), int64(11<<20 + 33), "bytes"},
		{"a byte over a cap of our own", imageupload.Config{MaxBytes: 32}, forgedPNG(10, 10), int64(32), int64(33), "33 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.cfg.Check(tc.data)
			c := requireCause(t, err, validation.KindLimit)
			assert.Equal(t, tc.expected, c.Details.Expected)
			assert.Equal(t, tc.actual, c.Details.Actual)
			assert.Contains(t, c.Details.Message, tc.msg)
			// The variant refuses before decoding anything.
			_, err = tc.cfg.Variant(tc.data, "profile")
			assert.Equal(t, c, requireCause(t, err, validation.KindLimit))
		})
	}
	t.Run("at the caps", func(t *testing.T) {
		img, err := imageupload.Config{MaxBytes: 33, MaxSide: 10, MaxPixels: 100}.Check(forgedPNG(10, 10))
		require.NoError(t, err)
		assert.Equal(t, 10, img.Width)
	})
}

// TestForgedHeaderAllocatesLittle refuses a PNG that declares 100000×100000 RGBA pixels
// (40 GB decoded) having read only its header: a few small allocations, nowhere near a
// pixel buffer.
func TestForgedHeaderAllocatesLittle(t *testing.T) {
	data := forgedPNG(100000, 100000)
	cfg := imageupload.Config{}
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := cfg.Check(data); err == nil {
			t.Fatal("accepted")
		}
	})
	assert.LessOrEqual(t, allocs, 20.0)
	check := allocatedBytes(100, func() { _, _ = cfg.Check(data) })
	assert.Less(t, check, uint64(16<<10), "bytes allocated per Check")
	variant := allocatedBytes(100, func() { _, _ = cfg.Variant(data, "profile") })
	assert.Less(t, variant, uint64(16<<10), "bytes allocated per Variant")
	t.Logf("forged header: %.0f allocations and %d bytes per Check, %d bytes per Variant", allocs, check, variant)
}

// allocatedBytes is the average number of bytes f allocates in n runs.
func allocatedBytes(n int, f func()) uint64 {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(n)
}

func TestCheckHeaderOnlyAllocatesLittle(t *testing.T) {
	// Every accepted type is checked from its header alone.
	for _, s := range samples(t) {
		perCall := allocatedBytes(50, func() { _, _ = imageupload.Config{}.Check(s.data) })
		assert.Less(t, perCall, uint64(32<<10), s.name)
		t.Logf("%s: %d bytes per Check", s.name, perCall)
	}
}

func TestReadLimit(t *testing.T) {
	t.Run("11 MB stops after the limit", func(t *testing.T) {
		body := io.MultiReader(bytes.NewReader(forgedPNG(10, 10)), bytes.NewReader(make([]byte, 11<<20)))
		r := &countingReader{r: body}
		_, err := imageupload.Config{}.Read(r)
		c := requireCause(t, err, validation.KindLimit)
		assert.Equal(t, int64(10<<20), c.Details.Expected)
		assert.Nil(t, c.Details.Actual, "the size is unknown")
		assert.Equal(t, int64(10<<20+1), r.n, "reads the limit and one byte")
	})
	t.Run("not an image stops at once", func(t *testing.T) {
		r := &countingReader{r: strings.NewReader(strings.Repeat("not an image ", 1<<20))}
		_, err := imageupload.Config{}.Read(r)
		requireCause(t, err, validation.KindFormat)
		assert.Equal(t, int64(32), r.n)
	})
	t.Run("exactly the limit", func(t *testing.T) {
		data := forgedPNG(10, 10)
		img, err := imageupload.Config{MaxBytes: int64(len(data))}.Read(bytes.NewReader(data))
		require.NoError(t, err)
		assert.Equal(t, data, img.Data)
	})
	t.Run("a reader's error is returned wrapped", func(t *testing.T) {
		boom := errors.New("connection reset")
		for _, r := range []io.Reader{
			io.MultiReader(bytes.NewReader(forgedPNG(10, 10)), &failingReader{boom}),
			&failingReader{boom},
		} {
			_, err := imageupload.Config{}.Read(r)
			require.ErrorIs(t, err, boom)
			var c *validation.Cause
			assert.NotErrorAs(t, err, &c)
		}
	})
	t.Run("a short file", func(t *testing.T) {
		_, err := imageupload.Config{}.Read(strings.NewReader("GIF89a"))
		requireCause(t, err, validation.KindFormat)
		_, err = imageupload.Config{}.Read(strings.NewReader(""))
		requireCause(t, err, validation.KindFormat)
	})
}

type failingReader struct{ err error }

func (f *failingReader) Read([]byte) (int, error) { return 0, f.err }

func TestTruncatedBody(t *testing.T) {
	// A file cut after its header passes Check (which reads only the header); the variant,
	// which decodes, refuses it as truncated.
	m := gradient(400, 300)
	for _, s := range []struct {
		name, typ string
		data      []byte
		w         int
	}{
		{"PNG", "image/png", encodePNG(t, m), 400},
		{"JPEG", "image/jpeg", encodeJPEG(t, m, 90), 400},
		{"GIF", "image/gif", encodeGIF(t, m), 400},
	} {
		t.Run(s.name, func(t *testing.T) {
			cut := s.data[:len(s.data)*2/3]
			img, err := imageupload.Config{}.Check(cut)
			require.NoError(t, err)
			assert.Equal(t, s.w, img.Width)
			_, err = imageupload.Config{}.Variant(cut, "profile")
			c := requireCause(t, err, validation.KindFormat)
			assert.Equal(t, s.typ, c.Details.Actual)
			assert.Contains(t, c.Details.Message, "image data")
		})
	}
}

func TestConfigInvalid(t *testing.T) {
	for _, tc := range []struct {
		cfg  imageupload.Config
		locs []string
	}{
		{imageupload.Config{MaxBytes: -1}, []string{"/max_bytes"}},
		{imageupload.Config{MaxPixels: -1, MaxSide: -1}, []string{"/max_pixels", "/max_side"}},
		{imageupload.Config{ProfileSize: -1}, []string{"/profile_size"}},
		{imageupload.Config{ProfileSize: 4097}, []string{"/profile_size"}},
	} {
		data := encodePNG(t, gradient(4, 4))
		for _, call := range []func() error{
			func() error { _, err := tc.cfg.Check(data); return err },
			func() error { _, err := tc.cfg.Read(bytes.NewReader(data)); return err },
			func() error { _, err := tc.cfg.Variant(data, "original"); return err },
		} {
			var verr *validation.Error
			require.ErrorAs(t, call(), &verr)
			var locs []string
			for _, c := range verr.Causes {
				locs = append(locs, c.Location)
			}
			assert.Equal(t, tc.locs, locs)
		}
	}
	_, err := imageupload.Config{ProfileSize: 4096}.Check(encodePNG(t, gradient(4, 4)))
	require.NoError(t, err)
}

// opaque reports whether every pixel of m is opaque; a helper for the variant tests.
func opaque(m image.Image) bool {
	b := m.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := m.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}

// badComponents sets the component count of a JPEG's SOF0 segment to 2, which no JPEG has.
func badComponents(jpg []byte) []byte {
	b := bytes.Clone(jpg)
	i := bytes.Index(b, []byte{0xff, 0xc0})
	b[i+9] = 2
	return b
}
