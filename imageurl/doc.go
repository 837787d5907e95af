// Package imageurl handles references to uploaded profile pictures and the public URLs that
// serve them.
//
// An identity server stores an uploaded picture as a reference, not as a URL, so that moving
// the server or putting a CDN in front of it does not break stored profiles:
//
//	authgearimages:///APP_ID/OBJECT_ID                       storage form (a [Ref])
//	https://HOST/_images/APP_ID/OBJECT_ID/profile            representation form (a public URL)
//
// [Parser.Parse] (the zero Parser for DefaultScheme) reads a reference strictly: the scheme
// (case-insensitive, DefaultScheme unless configured), an empty host ("///"), exactly two
// non-empty path segments, no user info, query or fragment. APP_ID and OBJECT_ID may hold only
// the RFC 3986 unreserved characters A-Z a-z 0-9 - . _ ~ (no percent-encoding at all), and may
// not be ".", ".." or "_images". [Ref.String] writes the canonical form back; it equals the
// input except that the scheme is in lower case. Failures are *validation.Cause values of kind
// format with Format "x_picture" and a Message that says what is wrong.
//
// A [Resolver], built from a [Config] by [NewResolver], turns a reference into a public URL
// ([Resolver.URL], variants [VariantProfile] and [VariantOriginal]) and maps a public URL on
// its public or CDN host back to the reference ([Resolver.Ref]). Hosts are matched, not
// schemes: http and https URLs on a configured host both map back; a trailing slash or a
// missing variant still does; a URL on another host, or on our host without an "_images"
// segment, is not an image URL and is left alone; a malformed one (too few segments, an
// unknown variant) is an error, never a panic. [Resolver.ToStorage] and
// [Resolver.ToRepresentation] apply this to the picture claim on every write and read.
//
// Differences from the reference implementation: the opaque form SCHEME:APP_ID/OBJECT_ID is
// rejected instead of being stored and resolved into a broken URL; a short image URL is an
// error instead of an index out of range; an unknown variant is an error instead of being
// silently replaced by profile.
//
// The package does no I/O: it never checks that an image exists or belongs to the app.
package imageurl
