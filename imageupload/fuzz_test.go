package imageupload_test

import (
	"bytes"
	"errors"
	"image"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/imageupload"
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/validation"
)

// maxCheckAlloc bounds what one Check may allocate, whatever the bytes: headers only. The
// largest seen is a JPEG decoder's state, about 14 KiB.
const maxCheckAlloc = 64 << 10

// FuzzCheck feeds arbitrary bytes to Check and, under small caps, to the profile variant:
// neither panics, every refusal is a located cause, Check allocates at most maxCheckAlloc,
// its type agrees with net/http's sniffing, and a variant is a square PNG or JPEG.
func FuzzCheck(f *testing.F) {
	m := gradient(24, 16)
	seeds := [][]byte{
		encodePNG(f, m), encodeJPEG(f, m, 80), encodeGIF(f, m), readWebP(f),
		withExif(encodeJPEG(f, quadrants(16), 80), "II", 6),
		forgedPNG(100000, 100000), forgedPNG(1, 1),
		[]byte("RIFF\x1e\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x10\x00\x00\x00\x0f\x00\x00\x0f\x00\x00ALPH"),
		[]byte("GIF89a\x00\x00\x00\x00\x00\x00\x00;"), []byte("BM"), {}, []byte("hello"),
	}
	for _, s := range seeds {
		f.Add(s)
		f.Add(s[:len(s)/2])
	}
	cfg := imageupload.Config{}
	small := imageupload.Config{MaxPixels: 1 << 12, MaxSide: 256, ProfileSize: 8}
	var before, after runtime.MemStats
	f.Fuzz(func(t *testing.T, data []byte) {
		runtime.ReadMemStats(&before)
		img, err := cfg.Check(data)
		runtime.ReadMemStats(&after)
		require.LessOrEqual(t, after.TotalAlloc-before.TotalAlloc, uint64(maxCheckAlloc), "bytes allocated by Check")

		typ, sniffed := imageupload.Sniff(data)
		if theirs := http.DetectContentType(data); sniffed {
			assert.Equal(t, theirs, typ)
		} else if strings.HasPrefix(theirs, "image/") {
			assert.NotContains(t, []string{"image/png", "image/jpeg", "image/gif"}, theirs)
		}
		if err != nil {
			requireFileCause(t, err)
		} else {
			require.True(t, sniffed)
			assert.Equal(t, typ, img.ContentType)
			assert.Positive(t, img.Width)
			assert.Positive(t, img.Height)
			assert.LessOrEqual(t, int64(img.Width)*int64(img.Height), int64(40_000_000))
			assert.Equal(t, len(data), len(img.Data))
		}

		out, err := small.Variant(data, imageurl.VariantProfile)
		if err != nil {
			requireFileCause(t, err)
			return
		}
		assert.Equal(t, []int{8, 8}, []int{out.Width, out.Height})
		dec, format, err := image.Decode(bytes.NewReader(out.Data))
		require.NoError(t, err)
		assert.Equal(t, out.ContentType, "image/"+format)
		assert.Equal(t, image.Rect(0, 0, 8, 8), dec.Bounds())
	})
}

func requireFileCause(t *testing.T, err error) {
	t.Helper()
	var c *validation.Cause
	require.True(t, errors.As(err, &c), "%T %v", err, err)
	assert.Equal(t, "/file", c.Location)
	assert.Contains(t, []validation.Kind{validation.KindFormat, validation.KindLimit}, c.Kind)
	assert.NotEmpty(t, c.Details.Message)
}

// FuzzVerify feeds arbitrary request URIs to Verify: it never panics, every error wraps exactly
// one sentinel, and an accepted URI is exactly what Sign writes for the target it returns.
func FuzzVerify(f *testing.F) {
	k := imageupload.Keyring{Current: "k1", Keys: map[string][]byte{"k1": key1, "k-2": key2}}
	now := time.Unix(1772366400, 0)
	for _, tg := range []imageupload.Target{
		target(),
		{AppID: "a", ObjectID: "b", Expires: now.Add(time.Second)},
		{AppID: "A.b_c~d-e", ObjectID: "9", Expires: now.Add(24 * time.Hour), MaxLength: 1},
	} {
		for _, kid := range []string{"k1", "k-2"} {
			u, err := imageupload.Keyring{Current: kid, Keys: k.Keys}.Sign(tg)
			require.NoError(f, err)
			f.Add(u)
			f.Add(u[:len(u)-1] + "B")
			f.Add(strings.Replace(u, "exp=", "exp=1", 1))
		}
	}
	for _, s := range []string{"", "/_upload/", "/_upload/a/b?", "/_upload/a/b?exp=1&kid=k1&sig=", "/_upload/a/b?exp=1&len=0&kid=k1&sig=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := k.Verify(s, now)
		if err != nil {
			n := 0
			for _, sentinel := range sentinels {
				if errors.Is(err, sentinel) {
					n++
				}
			}
			require.Equal(t, 1, n, "%v wraps one sentinel", err)
			assert.Equal(t, imageupload.Target{}, got)
			return
		}
		kid := s[strings.Index(s, "&kid=")+5:]
		kid = kid[:strings.IndexByte(kid, '&')]
		again, err := imageupload.Keyring{Current: kid, Keys: k.Keys}.Sign(got)
		require.NoError(t, err)
		require.Equal(t, s, again, "an accepted URI is canonical")
		_, err = k.Verify(s, got.Expires)
		require.ErrorIs(t, err, imageupload.ErrExpired)
	})
}
