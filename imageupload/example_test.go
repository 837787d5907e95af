package imageupload_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/profilekit/profilekit/imageupload"
	"github.com/profilekit/profilekit/imageurl"
)

// The Admin API hands out an upload URL; the upload route verifies it.
func ExampleKeyring_Sign() {
	// Keys come from the caller's secret store: 32 random bytes each.
	keys := imageupload.Keyring{Current: "2026-03", Keys: map[string][]byte{
		"2026-03": bytes.Repeat([]byte{7}, 32),
	}}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) // the caller's clock

	uri, err := keys.Sign(imageupload.Target{
		AppID:     "myapp",
		ObjectID:  "0f8e2c4a", // fresh for each URL, from crypto/rand
		Expires:   now.Add(5 * time.Minute),
		MaxLength: 10 << 20,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("https://auth.example.com" + uri)

	// The upload route: r.URL.RequestURI() and the clock.
	t, err := keys.Verify(uri, now.Add(time.Minute))
	fmt.Println(imageurl.Ref{AppID: t.AppID, ObjectID: t.ObjectID}, t.MaxLength, err) // the reference the upload becomes

	_, err = keys.Verify(uri, now.Add(time.Hour))
	fmt.Println(errors.Is(err, imageupload.ErrExpired))
	// Output:
	// https://auth.example.com/_upload/myapp/0f8e2c4a?exp=1772366700&len=10485760&kid=2026-03&sig=NDTPKoA9LGUTJekZykIxwluysNDDDgn-NAqvLwCGr_U
	// authgearimages:///myapp/0f8e2c4a 10485760 <nil>
	// true
}

// Checking the file of a multipart upload, then building the profile variant.
func ExampleConfig_Variant() {
	// A 600×400 picture as an upload would carry it.
	m := image.NewRGBA(image.Rect(0, 0, 600, 400))
	for i := range m.Pix {
		m.Pix[i] = 0xff
	}
	m.Set(300, 200, color.Black)
	var upload bytes.Buffer
	_ = png.Encode(&upload, m)

	cfg := imageupload.Config{}   // 10 MiB, 40 megapixels, 16384 a side, a 256×256 profile
	img, err := cfg.Read(&upload) // or cfg.Check(data) for bytes in memory
	if err != nil {
		panic(err)
	}
	fmt.Println(img.ContentType, img.Width, img.Height)

	profile, err := cfg.Variant(img.Data, imageurl.VariantProfile)
	if err != nil {
		panic(err)
	}
	fmt.Println(profile.ContentType, profile.Width, profile.Height)

	_, err = cfg.Check([]byte("%PDF-1.7"))
	fmt.Println(err)
	// Output:
	// image/png 600 400
	// image/png 256 256
	// /file: format: not an image: upload a PNG, JPEG, GIF or WebP image
}

// A file declaring more pixels than the cap is refused from its header alone.
func ExampleConfig_Check() {
	// The PNG signature and an IHDR chunk declaring 100000×100000 pixels, no pixel data.
	header := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x06\x00\x00\x00\xa8\x52\x0b\xc8")
	_, err := imageupload.Config{}.Check(header)
	fmt.Println(err)
	// Output:
	// /file: limit: 100000×100000 is 10000000000 pixels; the limit is 40000000
}
