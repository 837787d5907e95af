package imageupload_test

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/imageupload"
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/validation"
)

// bands is a w×h picture of three vertical bands: red, green, blue.
func bands(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{A: 255}
			switch {
			case x < w/3:
				c.R = 255
			case x < 2*w/3:
				c.G = 255
			default:
				c.B = 255
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// dominant names the strongest channel of m at (x, y): "r", "g", "b", "w" for near white.
func dominant(m image.Image, x, y int) string {
	r, g, b, _ := m.At(x, y).RGBA()
	switch {
	case r > 0xc000 && g > 0xc000 && b > 0xc000:
		return "w"
	case r > g && r > b:
		return "r"
	case g > r && g > b:
		return "g"
	default:
		return "b"
	}
}

func decodeAny(t *testing.T, img imageupload.Image) image.Image {
	t.Helper()
	var m image.Image
	var err error
	switch img.ContentType {
	case "image/png":
		m, err = png.Decode(bytes.NewReader(img.Data))
	case "image/jpeg":
		m, err = jpeg.Decode(bytes.NewReader(img.Data))
	default:
		t.Fatalf("content type %q", img.ContentType)
	}
	require.NoError(t, err)
	return m
}

func TestProfileVariant(t *testing.T) {
	wide, tall := bands(300, 100), bands(90, 270)
	for _, tc := range []struct {
		name    string
		data    []byte
		cfg     imageupload.Config
		outType string
		row     string // the bands along the middle row: left edge, centre, right edge
	}{
		// A wide picture keeps its middle third: the green band fills the square.
		{"wide PNG", encodePNG(t, wide), imageupload.Config{}, "image/png", "ggg"},
		{"wide JPEG", encodeJPEG(t, wide, 95), imageupload.Config{}, "image/jpeg", "ggg"},
		{"wide GIF", encodeGIF(t, wide), imageupload.Config{}, "image/png", "ggg"},
		// A tall one keeps its middle third of rows: every band.
		{"tall PNG", encodePNG(t, tall), imageupload.Config{}, "image/png", "rgb"},
		{"tall JPEG, 64×64", encodeJPEG(t, tall, 95), imageupload.Config{ProfileSize: 64}, "image/jpeg", "rgb"},
		{"small PNG scaled up", encodePNG(t, bands(30, 30)), imageupload.Config{}, "image/png", "rgb"},
		{"WebP", readWebP(t), imageupload.Config{ProfileSize: 8}, "image/png", "bbb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := tc.cfg.Variant(tc.data, imageurl.VariantProfile)
			require.NoError(t, err)
			n := tc.cfg.ProfileSize
			if n == 0 {
				n = 256
			}
			assert.Equal(t, tc.outType, out.ContentType)
			assert.Equal(t, []int{n, n}, []int{out.Width, out.Height})

			m := decodeAny(t, out)
			assert.Equal(t, image.Rect(0, 0, n, n), m.Bounds(), "square, of the configured size")
			assert.True(t, opaque(m))
			assert.Equal(t, tc.row, dominant(m, 1, n/2)+dominant(m, n/2, n/2)+dominant(m, n-2, n/2))

			// The output is a checked image itself.
			again, err := imageupload.Config{}.Check(out.Data)
			require.NoError(t, err)
			assert.Equal(t, out, again)

			// Deterministic: the same input gives the same bytes.
			first := sha256.Sum256(out.Data)
			out2, err := tc.cfg.Variant(bytes.Clone(tc.data), imageurl.VariantProfile)
			require.NoError(t, err)
			assert.Equal(t, first, sha256.Sum256(out2.Data))
		})
	}
}

func TestProfileVariantTransparency(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 20, 20))
	m.Set(10, 10, color.NRGBA{255, 0, 0, 255}) // one red pixel, the rest transparent
	out, err := imageupload.Config{ProfileSize: 20}.Variant(encodePNG(t, m), imageurl.VariantProfile)
	require.NoError(t, err)
	got := decodeAny(t, out)
	_, _, _, a := got.At(0, 0).RGBA()
	assert.Zero(t, a, "a transparent corner stays transparent")
}

func TestProfileVariantGIFFrame(t *testing.T) {
	// A first frame that covers only part of the logical screen is placed on it.
	frame := image.NewPaletted(image.Rect(30, 30, 40, 40), []color.Color{color.RGBA{255, 0, 0, 255}})
	var b bytes.Buffer
	require.NoError(t, gif.EncodeAll(&b, &gif.GIF{
		Image: []*image.Paletted{frame}, Delay: []int{0},
		Config: image.Config{Width: 40, Height: 40, ColorModel: frame.Palette},
	}))
	img, err := imageupload.Config{}.Check(b.Bytes())
	require.NoError(t, err)
	assert.Equal(t, []int{40, 40}, []int{img.Width, img.Height})
	out, err := imageupload.Config{ProfileSize: 40}.Variant(b.Bytes(), imageurl.VariantProfile)
	require.NoError(t, err)
	m := decodeAny(t, out)
	_, _, _, a := m.At(5, 5).RGBA()
	assert.Zero(t, a, "outside the frame: transparent")
	assert.Equal(t, "r", dominant(m, 35, 35), "the frame where it lies")
}

func TestProfileVariantOrientation(t *testing.T) {
	// A JPEG stored sideways with an EXIF orientation comes out upright. The stored picture
	// is red top left, green top right, blue bottom left, white bottom right.
	jpg := encodeJPEG(t, quadrants(64), 95)
	for _, tc := range []struct {
		o    uint16
		want [4]string // top left, top right, bottom left, bottom right
	}{
		{1, [4]string{"r", "g", "b", "w"}},
		{2, [4]string{"g", "r", "w", "b"}},
		{3, [4]string{"w", "b", "g", "r"}},
		{4, [4]string{"b", "w", "r", "g"}},
		{5, [4]string{"r", "b", "g", "w"}},
		{6, [4]string{"b", "r", "w", "g"}},
		{7, [4]string{"w", "g", "b", "r"}},
		{8, [4]string{"g", "w", "r", "b"}},
		{0, [4]string{"r", "g", "b", "w"}}, // not an orientation: left as stored
		{9, [4]string{"r", "g", "b", "w"}},
	} {
		for _, order := range []string{"II", "MM"} {
			out, err := imageupload.Config{ProfileSize: 32}.Variant(withExif(jpg, order, tc.o), imageurl.VariantProfile)
			require.NoError(t, err)
			m := decodeAny(t, out)
			got := [4]string{dominant(m, 8, 8), dominant(m, 24, 8), dominant(m, 8, 24), dominant(m, 24, 24)}
			assert.Equal(t, tc.want, got, "orientation %d, %s", tc.o, order)
		}
	}
	// Without EXIF, as stored.
	out, err := imageupload.Config{ProfileSize: 32}.Variant(jpg, imageurl.VariantProfile)
	require.NoError(t, err)
	m := decodeAny(t, out)
	assert.Equal(t, [4]string{"r", "g", "b", "w"}, [4]string{dominant(m, 8, 8), dominant(m, 24, 8), dominant(m, 8, 24), dominant(m, 24, 24)})
}

func TestOriginalVariant(t *testing.T) {
	for _, s := range samples(t) {
		out, err := imageupload.Config{}.Variant(s.data, imageurl.VariantOriginal)
		require.NoError(t, err)
		assert.Same(t, &s.data[0], &out.Data[0], "the upload itself, not a copy")
		assert.Equal(t, s.typ, out.ContentType)
		assert.Equal(t, []int{s.w, s.h}, []int{out.Width, out.Height})
	}
	// The original is still checked.
	_, err := imageupload.Config{}.Variant([]byte("not an image"), imageurl.VariantOriginal)
	requireCause(t, err, validation.KindFormat)
}

func TestUnknownVariant(t *testing.T) {
	for _, v := range []imageurl.Variant{"", "thumbnail", "Profile"} {
		_, err := imageupload.Config{}.Variant(encodePNG(t, gradient(4, 4)), v)
		var c *validation.Cause
		require.ErrorAs(t, err, &c)
		assert.Equal(t, "/variant", c.Location)
		assert.Equal(t, validation.KindEnum, c.Kind)
		assert.Equal(t, []string{"profile", "original"}, c.Details.Expected)
		assert.Equal(t, string(v), c.Details.Actual)
	}
}
