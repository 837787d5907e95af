package imageupload_test

import (
	"image"
	"math/rand/v2"
	"testing"

	"github.com/profilekit/profilekit/imageupload"
	"github.com/profilekit/profilekit/imageurl"
)

func BenchmarkSign(b *testing.B) {
	k, tg := ring1(), target()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Sign(tg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	k := ring1()
	u, err := k.Sign(target())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Verify(u, t0); err != nil {
			b.Fatal(err)
		}
	}
}

// noise is a w×h picture of random pixels, which JPEG compresses least: about 2 bytes a pixel
// at quality 100.
func noise(w, h int) *image.RGBA {
	r := rand.New(rand.NewPCG(1, 2))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = byte(r.Uint32())
	}
	return m
}

// BenchmarkCheckJPEG10MB checks a real JPEG of about 10 MB (2250×2250 pixels of noise, under
// the 10 MiB default): the header alone is read, so the cost is that of a tiny file.
func BenchmarkCheckJPEG10MB(b *testing.B) {
	data := encodeJPEG(b, noise(2250, 2250), 100)
	if len(data) < 9_500_000 || len(data) > 10<<20 {
		b.Fatalf("the JPEG is %d bytes, not about 10 MB", len(data))
	}
	cfg := imageupload.Config{}
	b.ReportAllocs()
	for b.Loop() {
		img, err := cfg.Check(data)
		if err != nil || img.Width != 2250 {
			b.Fatal(img.ContentType, img.Width, err)
		}
	}
	b.ReportMetric(float64(len(data)), "file-bytes")
}

// BenchmarkProfileVariantJPEG2000 builds the 256×256 profile variant of a 2000×2000 JPEG
// photo-like picture: a full decode, the Catmull-Rom scale and a JPEG encode.
func BenchmarkProfileVariantJPEG2000(b *testing.B) {
	m := gradient(2000, 2000)
	n := noise(2000, 2000)
	for i := range m.Pix {
		if i%4 != 3 {
			m.Pix[i] = m.Pix[i]/2 + n.Pix[i]/8 // a gradient with grain, like a photo
		}
	}
	data := encodeJPEG(b, m, 90)
	cfg := imageupload.Config{}
	b.ReportAllocs()
	for b.Loop() {
		out, err := cfg.Variant(data, imageurl.VariantProfile)
		if err != nil || out.Width != 256 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "file-bytes")
}
