package imageupload

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	"golang.org/x/image/webp"

	"github.com/profilekit/profilekit/validation"
)

// Defaults of Config, for a zero field.
const (
	defaultMaxBytes    = 10 << 20   // 10 MiB
	defaultMaxPixels   = 40_000_000 // 40 megapixels
	defaultMaxSide     = 16384
	defaultProfileSize = 256
	maxProfileSize     = 4096
)

// fileLocation is where every cause about the uploaded bytes is located: the multipart
// field "file".
const fileLocation = "/file"

// formatName is the Details.Format of causes about the uploaded bytes.
const formatName = "image"

// The content types accepted, as net/http.DetectContentType names them.
const (
	typePNG  = "image/png"
	typeJPEG = "image/jpeg"
	typeGIF  = "image/gif"
	typeWebP = "image/webp"
)

// Config sets the limits of the image checks and the size of the profile variant. The zero
// value is ready to use; a zero field takes its default. A negative field, or a ProfileSize
// above 4096, is a *validation.Error located at the field's JSON name, returned by every
// method.
type Config struct {
	// MaxBytes is the largest file accepted, in bytes. Default 10 MiB (10485760).
	MaxBytes int64 `json:"max_bytes,omitempty"`
	// MaxPixels caps width × height as the file's header declares them, checked before any
	// pixel is decoded. Default 40000000 (40 megapixels).
	MaxPixels int64 `json:"max_pixels,omitempty"`
	// MaxSide caps the width and the height each. Default 16384.
	MaxSide int `json:"max_side,omitempty"`
	// ProfileSize is the width and height of the profile variant. Default 256.
	ProfileSize int `json:"profile_size,omitempty"`
}

// Image is an encoded image that passed the checks: the bytes, their content type and the
// dimensions their header declares.
type Image struct {
	Data        []byte // the encoded file; Check returns the slice it was given
	ContentType string // "image/png", "image/jpeg", "image/gif" or "image/webp"
	Width       int
	Height      int
}

// limits is a Config with its defaults filled in.
type limits struct {
	maxBytes, maxPixels int64
	maxSide, profile    int
}

func (c Config) limits() (limits, error) {
	l := limits{maxBytes: c.MaxBytes, maxPixels: c.MaxPixels, maxSide: c.MaxSide, profile: c.ProfileSize}
	var verr validation.Error
	negative := func(loc string, v int64) {
		verr.Add(&validation.Cause{Location: loc, Kind: validation.KindMinimum, Details: validation.Details{
			Expected: 0, Actual: v, Message: loc[1:] + " is negative; use 0 for the default",
		}})
	}
	switch {
	case l.maxBytes == 0:
		l.maxBytes = defaultMaxBytes
	case l.maxBytes < 0:
		negative("/max_bytes", l.maxBytes)
	}
	switch {
	case l.maxPixels == 0:
		l.maxPixels = defaultMaxPixels
	case l.maxPixels < 0:
		negative("/max_pixels", l.maxPixels)
	}
	switch {
	case l.maxSide == 0:
		l.maxSide = defaultMaxSide
	case l.maxSide < 0:
		negative("/max_side", int64(l.maxSide))
	}
	switch {
	case l.profile == 0:
		l.profile = defaultProfileSize
	case l.profile < 0:
		negative("/profile_size", int64(l.profile))
	case l.profile > maxProfileSize:
		verr.Add(&validation.Cause{Location: "/profile_size", Kind: validation.KindMaximum, Details: validation.Details{
			Expected: maxProfileSize, Actual: l.profile,
		}})
	}
	return l, verr.Err()
}

// Check checks the bytes of an upload: at most MaxBytes, a PNG, JPEG, GIF or WebP by its
// leading bytes (the signatures net/http.DetectContentType knows, matched here without
// importing net/http), a header that the format's decoder reads (its DecodeConfig), and
// dimensions within MaxSide and MaxPixels. No pixel data is decoded, so Check costs the
// same for any file and allocates at most some 16 KB (a JPEG decoder's state); a file cut short after its header
// passes, and [Config.Variant] (which decodes) refuses it.
//
// A failure is a *validation.Cause located at "/file": kind "format" (Format "image") for
// an empty file, bytes of no accepted type (Details.Actual names a recognised other type
// such as "image/heic"), an animated WebP, or a header the decoder refuses; kind "limit"
// for a file or a declared size above a cap (Details.Expected the cap, Details.Actual the
// value). Each has a Message that says what is wrong.
func (c Config) Check(data []byte) (Image, error) {
	l, err := c.limits()
	if err != nil {
		return Image{}, err
	}
	img, cause := l.check(data)
	if cause != nil {
		return Image{}, cause
	}
	return img, nil
}

// Read reads an upload from r, up to MaxBytes and one byte more, and checks it as Check does.
// It stops early, without reading the rest, when the first bytes are of no accepted type, and
// after MaxBytes+1 bytes when the file is too big (Details.Actual is then left out: the size
// is unknown). An error from r itself is returned wrapped, not as a cause.
func (c Config) Read(r io.Reader) (Image, error) {
	l, err := c.limits()
	if err != nil {
		return Image{}, err
	}
	var head [sniffLen]byte
	n, err := io.ReadFull(r, head[:])
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		// The whole file is in head; Check copies nothing, so copy it out of the stack.
		data := bytes.Clone(head[:n])
		if data == nil {
			data = []byte{}
		}
		img, cause := l.check(data)
		if cause != nil {
			return Image{}, cause
		}
		return img, nil
	case err != nil:
		return Image{}, fmt.Errorf("imageupload: reading the upload: %w", err)
	}
	if _, cause := sniff(head[:]); cause != nil {
		return Image{}, cause
	}
	rest := io.LimitReader(r, l.maxBytes+1-int64(n))
	buf := bytes.NewBuffer(make([]byte, 0, min(l.maxBytes+1, 64<<10)))
	buf.Write(head[:n])
	if _, err := buf.ReadFrom(rest); err != nil {
		return Image{}, fmt.Errorf("imageupload: reading the upload: %w", err)
	}
	data := buf.Bytes()
	if int64(len(data)) > l.maxBytes {
		return Image{}, limitCause(l.maxBytes, nil,
			fmt.Sprintf("the file is larger than the limit of %d bytes", l.maxBytes))
	}
	img, cause := l.check(data)
	if cause != nil {
		return Image{}, cause
	}
	return img, nil
}

func (l limits) check(data []byte) (Image, *validation.Cause) {
	if int64(len(data)) > l.maxBytes {
		return Image{}, limitCause(l.maxBytes, int64(len(data)),
			fmt.Sprintf("the file is %d bytes; the limit is %d", len(data), l.maxBytes))
	}
	typ, cause := sniff(data)
	if cause != nil {
		return Image{}, cause
	}
	cfg, err := decodeConfig(typ, data)
	if err != nil {
		return Image{}, decodeCause(typ, "header", err)
	}
	w, h := cfg.Width, cfg.Height
	switch px := int64(w) * int64(h); {
	case w <= 0 || h <= 0:
		return Image{}, formatCause(nil, fmt.Sprintf("the %s header declares %d×%d: no pixels", name(typ), w, h))
	case px > l.maxPixels:
		return Image{}, limitCause(l.maxPixels, px,
			fmt.Sprintf("%d×%d is %d pixels; the limit is %d", w, h, px, l.maxPixels))
	case w > l.maxSide:
		return Image{}, limitCause(l.maxSide, w, fmt.Sprintf("the width %d is above the limit %d", w, l.maxSide))
	case h > l.maxSide:
		return Image{}, limitCause(l.maxSide, h, fmt.Sprintf("the height %d is above the limit %d", h, l.maxSide))
	}
	return Image{Data: data, ContentType: typ, Width: w, Height: h}, nil
}

// sniffLen is enough leading bytes for every signature sniff knows.
const sniffLen = 32

// sniff names the accepted type of data by its leading bytes, with the patterns of the
// WHATWG MIME Sniffing Standard (section 6.1) that net/http.DetectContentType uses; other
// image types it recognises are refused by name.
func sniff(data []byte) (string, *validation.Cause) {
	switch {
	case len(data) == 0:
		return "", formatCause(nil, "the file is empty")
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return typePNG, nil
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return typeJPEG, nil
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return typeGIF, nil
	case len(data) >= 14 && string(data[:4]) == "RIFF" && string(data[8:14]) == "WEBPVP":
		if animatedWebP(data) {
			return "", formatCause(nil, "animated WebP is not supported: upload a still image")
		}
		return typeWebP, nil
	}
	if other := otherImage(data); other != "" {
		return "", formatCause(other, other+" is not supported: upload a PNG, JPEG, GIF or WebP image")
	}
	return "", formatCause(nil, "not an image: upload a PNG, JPEG, GIF or WebP image")
}

// animatedWebP reports whether data is an extended WebP (VP8X) whose animation flag is set;
// x/image/webp decodes still images only.
func animatedWebP(data []byte) bool {
	const animation = 1 << 1
	return len(data) >= 21 && string(data[12:16]) == "VP8X" && data[20]&animation != 0
}

// otherImage names a few image types that are not accepted, so that the cause can say which
// one was sent: BMP and ICO (WHATWG patterns), TIFF, and the ISO BMFF images (HEIC, the
// default of iPhone cameras, and AVIF).
func otherImage(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("BM")):
		return "image/bmp"
	case bytes.HasPrefix(data, []byte("\x00\x00\x01\x00")), bytes.HasPrefix(data, []byte("\x00\x00\x02\x00")):
		return "image/x-icon"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "image/tiff"
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		switch string(data[8:12]) {
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1":
			return "image/heic"
		case "avif", "avis":
			return "image/avif"
		}
	}
	return ""
}

// decodeConfig reads the header with the decoder of the sniffed type, called directly rather
// than through image.DecodeConfig, whose registry is global: it would accept whatever formats
// any other package of the program registered (BMP, TIFF, ...).
func decodeConfig(typ string, data []byte) (image.Config, error) {
	r := bytes.NewReader(data)
	switch typ {
	case typePNG:
		return png.DecodeConfig(r)
	case typeJPEG:
		return jpeg.DecodeConfig(r)
	case typeGIF:
		return gif.DecodeConfig(r)
	default:
		return webp.DecodeConfig(r)
	}
}

// decode decodes the whole image of the sniffed type.
func decode(typ string, data []byte) (image.Image, error) {
	r := bytes.NewReader(data)
	switch typ {
	case typePNG:
		return png.Decode(r)
	case typeJPEG:
		return jpeg.Decode(r)
	case typeGIF:
		return gif.Decode(r)
	default:
		return webp.Decode(r)
	}
}

// name is the format's name for messages.
func name(typ string) string {
	switch typ {
	case typePNG:
		return "PNG"
	case typeJPEG:
		return "JPEG"
	case typeGIF:
		return "GIF"
	default:
		return "WebP"
	}
}

// decodeCause reports a decoder's error about the header or the image data.
func decodeCause(typ, what string, err error) *validation.Cause {
	// image/gif says "gif: reading header: unexpected EOF" without wrapping io's error.
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		strings.HasSuffix(err.Error(), io.ErrUnexpectedEOF.Error()) || strings.HasSuffix(err.Error(), io.EOF.Error()) {
		return formatCause(typ, fmt.Sprintf("the %s %s is cut short: the file is truncated", name(typ), what))
	}
	return formatCause(typ, fmt.Sprintf("the %s %s is not valid: %v", name(typ), what, err))
}

func formatCause(actual any, msg string) *validation.Cause {
	return &validation.Cause{Location: fileLocation, Kind: validation.KindFormat, Details: validation.Details{
		Expected: []string{typePNG, typeJPEG, typeGIF, typeWebP}, // fresh: a cause is never shared
		Actual:   actual,
		Format:   formatName,
		Message:  msg,
	}}
}

func limitCause(limit, actual any, msg string) *validation.Cause {
	return &validation.Cause{Location: fileLocation, Kind: validation.KindLimit, Details: validation.Details{
		Expected: limit,
		Actual:   actual,
		Message:  msg,
	}}
}
