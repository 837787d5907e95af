package imageupload

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"

	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/validation"
)

// jpegQuality is the fixed quality of a profile variant made from a JPEG.
const jpegQuality = 90

// pngEncoder is the fixed encoder of a profile variant made from a PNG, GIF or WebP.
var pngEncoder = png.Encoder{CompressionLevel: png.BestCompression}

// Variant returns the rendition v of an upload, after checking data as [Config.Check] does:
//
//   - [imageurl.VariantOriginal] is the upload itself: the Image Check returns, Data being
//     data (not a copy).
//   - [imageurl.VariantProfile] is the largest centred square of the image, turned upright
//     as its EXIF orientation says (JPEG only), scaled to ProfileSize × ProfileSize (256 by
//     default, up or down) with the Catmull-Rom kernel of golang.org/x/image/draw. A JPEG
//     gives a JPEG at quality 90; a PNG, GIF (its first frame) or WebP gives a PNG at
//     png.BestCompression, which keeps transparency. The output depends on nothing but data
//     and the Config: the same input gives the same bytes, with the same Go toolchain on the
//     same architecture (the scaler computes in floating point).
//
// Decoding is where the pixel caps matter: the decoders allocate what the header declares,
// up to about 8 bytes a pixel for a 16-bit PNG and 15 for a progressive JPEG, so the
// defaults allow about 600 MB for the worst 40-megapixel file; lower MaxPixels to spend less.
// Image data the decoder refuses (a truncated or corrupt file) is a *validation.Cause of kind
// "format" at "/file"; a variant other than the two is one of kind "enum" at "/variant".
func (c Config) Variant(data []byte, v imageurl.Variant) (Image, error) {
	l, err := c.limits()
	if err != nil {
		return Image{}, err
	}
	if v != imageurl.VariantProfile && v != imageurl.VariantOriginal {
		return Image{}, &validation.Cause{Location: "/variant", Kind: validation.KindEnum, Details: validation.Details{
			Expected: []string{string(imageurl.VariantProfile), string(imageurl.VariantOriginal)},
			Actual:   string(v),
			Message:  fmt.Sprintf("unknown image variant %q", v),
		}}
	}
	img, cause := l.check(data)
	if cause != nil {
		return Image{}, cause
	}
	if v == imageurl.VariantOriginal {
		return img, nil
	}
	out, cause := l.profileVariant(img)
	if cause != nil {
		return Image{}, cause
	}
	return out, nil
}

// profile builds the profile variant of a checked image.
func (l limits) profileVariant(img Image) (Image, *validation.Cause) {
	src, err := decode(img.ContentType, img.Data)
	if err != nil {
		return Image{}, decodeCause(img.ContentType, "image data", err)
	}
	b := src.Bounds()
	if b.Dx() != img.Width || b.Dy() != img.Height {
		if img.ContentType != typeGIF || !b.In(image.Rect(0, 0, img.Width, img.Height)) {
			return Image{}, formatCause(img.ContentType, fmt.Sprintf(
				"the %s image data is %d×%d but its header declares %d×%d", name(img.ContentType),
				b.Dx(), b.Dy(), img.Width, img.Height))
		}
		// A GIF frame may cover part of the logical screen: place it on a transparent one.
		screen := image.NewNRGBA(image.Rect(0, 0, img.Width, img.Height))
		draw.Draw(screen, b, src, b.Min, draw.Src)
		src, b = screen, screen.Bounds()
	}

	side := min(b.Dx(), b.Dy())
	x0 := b.Min.X + (b.Dx()-side)/2
	y0 := b.Min.Y + (b.Dy()-side)/2
	n := l.profile
	dst := image.NewRGBA(image.Rect(0, 0, n, n))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, image.Rect(x0, y0, x0+side, y0+side), draw.Src, nil)

	var buf bytes.Buffer
	if img.ContentType == typeJPEG {
		dst = orient(dst, jpegOrientation(img.Data))
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: jpegQuality})
	} else {
		err = pngEncoder.Encode(&buf, dst)
	}
	if err != nil { // encoding into memory an image we made: not expected
		return Image{}, formatCause(img.ContentType, "encoding the profile variant: "+err.Error())
	}
	typ := typePNG
	if img.ContentType == typeJPEG {
		typ = typeJPEG
	}
	return Image{Data: buf.Bytes(), ContentType: typ, Width: n, Height: n}, nil
}

// orient turns a square image upright for the EXIF orientation o (1 to 8; 1 is upright).
// The centred square of a turned image is the turned centred square, so turning the small
// scaled square is the same as turning the whole image first.
func orient(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	n := m.Rect.Dx()
	out := image.NewRGBA(m.Rect)
	for y := range n {
		for x := range n {
			// (sx, sy) is the stored pixel shown at (x, y).
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = n-1-x, y
			case 3: // turned 180°
				sx, sy = n-1-x, n-1-y
			case 4: // mirrored vertically
				sx, sy = x, n-1-y
			case 5: // transposed
				sx, sy = y, x
			case 6: // stored turned 90° counter-clockwise: turn it clockwise
				sx, sy = y, n-1-x
			case 7: // transversed
				sx, sy = n-1-y, n-1-x
			case 8: // stored turned 90° clockwise: turn it counter-clockwise
				sx, sy = n-1-y, x
			}
			si, di := m.PixOffset(sx, sy), out.PixOffset(x, y)
			copy(out.Pix[di:di+4], m.Pix[si:si+4])
		}
	}
	return out
}

// jpegOrientation returns the orientation (1 to 8) of the first Exif APP1 segment before the
// first scan of a JPEG, or 1 when there is none or it cannot be read.
func jpegOrientation(b []byte) int {
	if len(b) < 2 || b[0] != 0xFF || b[1] != 0xD8 {
		return 1
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return 1
		}
		m := b[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0x01 || 0xD0 <= m && m <= 0xD8: // markers without a length
			i += 2
			continue
		case m == 0xD9 || m == 0xDA: // end of image, start of scan: no metadata follows
			return 1
		}
		n := int(b[i+2])<<8 | int(b[i+3])
		if n < 2 || i+2+n > len(b) {
			return 1
		}
		if seg := b[i+4 : i+2+n]; m == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation reads tag 0x0112 (Orientation, one SHORT) of IFD0 of an Exif TIFF
// structure, or returns 1.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(t[2:]) != 42 {
		return 1
	}
	off := uint64(bo.Uint32(t[4:]))
	if off < 8 || off+2 > uint64(len(t)) {
		return 1
	}
	count := int(bo.Uint16(t[off:]))
	for k, p := 0, int(off)+2; k < count && p+12 <= len(t); k, p = k+1, p+12 {
		if bo.Uint16(t[p:]) != 0x0112 {
			continue
		}
		if bo.Uint16(t[p+2:]) != 3 || bo.Uint32(t[p+4:]) != 1 {
			return 1
		}
		if o := int(bo.Uint16(t[p+8:])); 1 <= o && o <= 8 {
			return o
		}
		return 1
	}
	return 1
}
