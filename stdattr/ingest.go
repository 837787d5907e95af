package stdattr

import (
	"slices"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/profilekit/profilekit/validation"
)

// Ingested is what Ingest keeps from an identity provider's claims: normalized standard claims,
// and the provider's verification flags for email and phone number when it sent them as booleans.
type Ingested struct {
	Claims              Claims
	EmailVerified       *bool
	PhoneNumberVerified *bool
}

// Ingest normalizes claims received from an external identity provider (an ID token or a
// UserInfo response decoded with encoding/json) in the lenient regime: every claim goes through
// the same checks as Normalize, but a claim that fails is dropped and reported instead of
// failing the whole ingest. Unknown claim names (sub, iss, provider extras) are ignored without
// a report; updated_at is the provider's own and is ignored too. email_verified and
// phone_number_verified are kept only when they are JSON booleans. An address is kept when at
// least one sub-field survives; unknown address sub-fields are dropped and reported.
//
// The report lists one cause per dropped value, located at its pointer, sorted by location.
// Ingest never fails and never panics on any input.
func (n *Normalizer) Ingest(claims map[string]any) (Ingested, []*validation.Cause) {
	var (
		out    Ingested
		report validation.Error
	)
	for name, raw := range claims {
		a, ok := Lookup(name)
		if !ok || a == AttrUpdatedAt {
			continue
		}
		switch a {
		case AttrEmailVerified, AttrPhoneNumberVerified:
			b, ok := raw.(bool)
			if !ok {
				report.Add(typeCause(a.pointer(), "boolean", raw))
				continue
			}
			if a == AttrEmailVerified {
				out.EmailVerified = &b
			} else {
				out.PhoneNumberVerified = &b
			}
		case AttrAddress:
			n.ingestAddress(&out.Claims, raw, &report)
		default:
			s, ok := raw.(string)
			if !ok {
				report.Add(typeCause(a.pointer(), "string", raw))
				continue
			}
			v, cause := n.normalize(a, s)
			if cause != nil {
				report.Add(cause.Under(a.pointer()))
				continue
			}
			*out.Claims.Field(a) = v
		}
	}
	_ = report.Err() // sorts
	return out, slices.Clip(report.Causes)
}

func (n *Normalizer) ingestAddress(c *Claims, raw any, report *validation.Error) {
	if raw == nil {
		return
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		report.Add(typeCause("/address", "object", raw))
		return
	}
	var addr Address
	for field, v := range obj {
		loc := "/address/" + jsonptr.Escape(field)
		p := addr.Field(field)
		if p == nil {
			report.Add(&validation.Cause{Location: loc, Kind: validation.KindUnknown,
				Details: validation.Details{Message: "not an OIDC address field", Expected: AddressFields()}})
			continue
		}
		s, ok := v.(string)
		if !ok {
			report.Add(typeCause(loc, "string", v))
			continue
		}
		norm, cause := n.normalizeAddressField(field, s)
		if cause != nil {
			report.Add(cause.Under(loc))
			continue
		}
		*p = norm
	}
	if !addr.IsZero() {
		c.Address = &addr
	}
}

// typeCause reports a JSON value of the wrong type.
func typeCause(loc, expected string, v any) *validation.Cause {
	return &validation.Cause{Location: loc, Kind: validation.KindType,
		Details: validation.Details{Expected: expected, Actual: jsonTypeOf(v)}}
}

// jsonTypeOf names the JSON type of a value decoded by encoding/json: "null", "boolean",
// "number", "string", "array", "object"; "invalid" for anything else.
func jsonTypeOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64, float32, int, int64, int32, uint, uint64, uint32, interface{ Float64() (float64, error) }:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "invalid"
}
