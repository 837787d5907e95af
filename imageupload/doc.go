// Package imageupload is the library half of profile-picture uploads: pre-signed upload URLs,
// checks of the uploaded bytes, and the variants an image server serves. It does no I/O of its
// own: the caller passes the keys, the clock and the bytes (or an io.Reader it owns).
//
// The flow, as the reference identity server has it:
//
//  1. The Admin API hands out a pre-signed upload URL: [Keyring.Sign] of a [Target] (app id,
//     a fresh object id, an expiry, optionally a size limit).
//  2. The client POSTs the file to it as multipart/form-data, field "file", under 10 MB
//     (square recommended). The upload route runs [Keyring.Verify] on the request URI and
//     [Config.Read] (or [Config.Check]) on the file, stores the bytes, and answers with the
//     reference of the target, authgearimages:///APP_ID/OBJECT_ID.
//  3. The client writes that reference into the picture claim; package imageurl turns it into
//     the public URL of a variant for readers, and the image route serves [Config.Variant].
//
// # Upload URLs
//
// An upload URL is a path and query that the caller mounts on its own host:
//
//	/_upload/APP_ID/OBJECT_ID?exp=UNIX_SECONDS[&len=MAX_LENGTH]&kid=KEY_ID&sig=SIGNATURE
//
// exp is the expiry in Unix seconds (the URL is valid while the time the caller passes is
// before it), len the largest file in bytes (absent: no limit of the URL's own), kid the id
// of the signing key, and sig the unpadded base64url (RFC 4648 §5) HMAC-SHA-256 of
//
//	"profilekit/imageupload/v1" NUL KEY_ID NUL APP_ID NUL OBJECT_ID NUL exp NUL len NUL
//
// with exp and len in decimal (len "0" when absent). No field can hold a NUL byte: APP_ID,
// OBJECT_ID and KEY_ID are ASCII letters, digits and "-._~", so they also need no escaping in
// the URL. [Keyring.Verify] accepts exactly what Sign writes (parameters in this order, none
// repeated or added, no percent-encoding), so one target and key have one URL.
//
// A [Keyring] names its keys: Sign uses Current, Verify any listed key. Rotating a key is:
// add the new one, make it Current, delete the old one when the last URL it signed has
// expired. Signatures are compared with hmac.Equal.
//
// Verify's errors wrap a sentinel for errors.Is: [ErrMalformed], [ErrUnknownKey],
// [ErrTampered], [ErrExpired], checked in that order (an expired URL is reported as such only
// when its signature is genuine). Verify keeps no state, so it cannot tell a first use from a
// second: a URL is valid until it expires. Refusing reuse is the caller's store's business.
// The object id is fresh for each URL, so the store records Target.AppID and Target.ObjectID
// when an upload succeeds and refuses another upload to the same object.
//
// # Checking the bytes
//
// [Config.Check] checks bytes in memory; [Config.Read] reads them from an io.Reader, at most
// MaxBytes and one byte more (it gives up after the first 32 bytes when they are of no
// accepted type). The checks, in order: the size (MaxBytes, 10 MiB by default); the type, from
// the leading bytes; the header, read by the decoder of that type (png, jpeg, gif and
// golang.org/x/image/webp DecodeConfig); the declared dimensions (MaxPixels, 40 megapixels by
// default, and MaxSide, 16384, each way). No pixel is decoded, so a file declaring
// 100000×100000 pixels is refused having allocated under 2 KB, and a 10 MB JPEG costs what a
// tiny one does (some 14 KB of decoder state). The price: a file cut short after its header passes Check, and only
// the full decode of [Config.Variant] finds out.
//
// The accepted types are PNG, JPEG, GIF and WebP (still images: an animated WebP is refused;
// x/image/webp decodes no animation). They are sniffed with the patterns of the WHATWG MIME
// Sniffing Standard that net/http.DetectContentType uses (tests check the two agree), matched
// here so that the package need not import net/http. The decoders are called by type, not
// through image.DecodeConfig, because the image package's format registry is global: it
// would accept whatever any other package in the program registered (BMP, TIFF, ...). BMP,
// ICO, TIFF, HEIC and AVIF are recognised to say which type was sent.
//
// Every refusal is a *validation.Cause located at "/file" with a Message: kind "format"
// (Format "image", Expected the accepted types, Actual the sniffed type when known) for what
// is not an accepted image or not a valid one, kind "limit" (Expected the cap, Actual the
// value) for what is too big. A Config whose fields are negative is a *validation.Error.
//
// # Variants
//
// [Config.Variant] returns the two variants of package imageurl. "original" is the upload
// itself. "profile" is the centred square of the image, turned upright by its EXIF orientation
// (JPEG), scaled to ProfileSize × ProfileSize (256 by default) with golang.org/x/image/draw's
// Catmull-Rom kernel, and encoded as JPEG at quality 90 when the upload is a JPEG, as PNG
// (png.BestCompression, which keeps transparency) otherwise; a GIF gives its first frame. The
// same bytes and Config give the same output bytes, with the same Go toolchain on the same
// architecture (the scaler computes in floating point). imageurl documents the reference
// server's profile variant as 240×240: set ProfileSize to 240 to match it.
//
// A full decode allocates what the header declares, about 4 bytes a pixel for an 8-bit PNG
// and up to 15 for a progressive JPEG; at the default 40 megapixels the worst file costs some
// 600 MB, so a server that builds variants of untrusted uploads concurrently lowers MaxPixels
// or bounds the number of decodes in flight.
package imageupload
