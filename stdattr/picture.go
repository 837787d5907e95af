package stdattr

import (
	"cmp"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/validation"
)

// normalizePicture checks a picture claim and returns its normalized form. After surrounding white
// space is trimmed, the value is one of:
//
//   - an absolute http or https URL, checked and normalized by the shared URL rules (a host,
//     no user info, a clean path, scheme and host lower-cased; see the profile and website
//     claims), or
//   - an image reference SCHEME:///APP_ID/OBJECT_ID of the parser's scheme, returned in its
//     canonical form (the scheme in lower case; see imageurl.Parser.Parse for the exact rules: the
//     opaque form SCHEME:APP_ID/OBJECT_ID, a host, one or three segments, dot segments and
//     percent-encoding are rejected).
//
// Anything else (another scheme such as javascript: or data:, a relative URL) is rejected.
// Failures are causes with an empty location: kind minLength for an empty
// value, maxLength for one longer than format.MaxURLLength runes, otherwise kind format with
// Details.Format "x_picture" (also for a URL that breaks the URL rules), a Message that says
// what is wrong and Actual the input as given. If the parser's own scheme is invalid, every
// value is rejected with the error of imageurl.Parser.Validate.
//
// Normalize checks the value only: converting a public image URL on the server's own host to
// its reference (storage form) and back is the job of imageurl.Resolver. A picture that is not
// a JSON string is a type error, reported by the caller that decodes the claim, not here.
func normalizePicture(p imageurl.Parser, s string) (string, *validation.Cause) {
	if err := p.Validate(); err != nil {
		return "", pictureAsCause(err, s)
	}
	if format.HasHTTPScheme(s) {
		out, c := format.URL(s)
		if c != nil {
			if c.Kind == validation.KindFormat {
				c.Details.Format = claim.FormatPicture
			}
			return "", c
		}
		return out, nil
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return "", (&validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}}).Explain()
	}
	if len(t) > format.MaxURLLength {
		if n := utf8.RuneCountInString(t); n > format.MaxURLLength {
			return "", (&validation.Cause{Kind: validation.KindMaxLength, Details: validation.Details{Expected: format.MaxURLLength, Actual: n}}).Explain()
		}
	}
	scheme := strings.ToLower(cmp.Or(p.Scheme, imageurl.DefaultScheme))
	colon := strings.IndexByte(t, ':')
	if colon < 0 || !format.EqualFoldASCII(t[:colon], scheme) {
		var msg string
		if colon <= 0 || !format.ValidScheme(t[:colon]) {
			msg = "not an absolute URL: expected an http(s) URL or " + scheme + ":///APP_ID/OBJECT_ID"
		} else {
			msg = fmt.Sprintf("scheme %q is not allowed: expected http, https or %s", strings.ToLower(t[:colon]), scheme)
		}
		return "", pictureCause(s, msg)
	}
	ref, err := p.Parse(t)
	if err != nil {
		c := pictureAsCause(err, s)
		c.Details.Actual = s
		return "", c
	}
	if t[:colon] == scheme {
		return t, nil // already canonical: no allocation
	}
	return ref.String(), nil
}

func pictureCause(actual, msg string) *validation.Cause {
	return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{
		Format:  claim.FormatPicture,
		Message: msg,
		Actual:  actual,
	}}
}

// pictureAsCause returns err as a *validation.Cause; imageurl only returns causes, the
// fallback keeps a surprise from turning into a nil cause (which would mean success).
func pictureAsCause(err error, actual string) *validation.Cause {
	if c, ok := err.(*validation.Cause); ok && c != nil {
		return c
	}
	return pictureCause(actual, err.Error())
}
