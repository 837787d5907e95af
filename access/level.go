package access

import (
	"strconv"

	"github.com/profilekit/profilekit/validation"
)

// Level is how much a party may do with an attribute: [Hidden] < [ReadOnly] < [ReadWrite].
//
// The zero value is [Unset], which is not a level at all: it marks a rule member that was not
// given (a partial rule), and it grants nothing. Levels compare with < and >.
type Level uint8

// The levels, in increasing order. Their text forms are the config strings "hidden",
// "readonly" and "readwrite".
const (
	Unset     Level = iota // no level given; grants nothing and makes a rule partial (illegal)
	Hidden                 // the party cannot see the attribute
	ReadOnly               // the party can see the attribute but not change it
	ReadWrite              // the party can see, add, change and remove the attribute
)

// String returns the config string of a level ("hidden", "readonly", "readwrite"), "unset" for
// the zero value and "Level(N)" for a value outside the four.
func (l Level) String() string {
	switch l {
	case Unset:
		return "unset"
	case Hidden:
		return "hidden"
	case ReadOnly:
		return "readonly"
	case ReadWrite:
		return "readwrite"
	}
	return "Level(" + strconv.Itoa(int(l)) + ")"
}

// Valid reports whether l is one of Hidden, ReadOnly and ReadWrite.
func (l Level) Valid() bool { return l >= Hidden && l <= ReadWrite }

// CanRead reports whether l lets a party see the attribute (ReadOnly or ReadWrite).
func (l Level) CanRead() bool { return l == ReadOnly || l == ReadWrite }

// CanWrite reports whether l lets a party write the attribute (ReadWrite).
func (l Level) CanWrite() bool { return l == ReadWrite }

// MarshalText returns the config string of a valid level. Unset and values outside the three
// levels have no config string and are an error.
func (l Level) MarshalText() ([]byte, error) {
	if !l.Valid() {
		return nil, &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
			Expected: levelNames(), Actual: l.String(),
			Message: "level " + l.String() + " has no config string",
		}}
	}
	return []byte(l.String()), nil
}

// UnmarshalText accepts exactly "hidden", "readonly" and "readwrite" (anything else: a *validation.Cause of kind enum, with a suggestion for a near spelling).
func (l *Level) UnmarshalText(p []byte) error {
	switch string(p) { // no allocation for the three levels
	case "hidden":
		*l = Hidden
		return nil
	case "readonly":
		*l = ReadOnly
		return nil
	case "readwrite":
		*l = ReadWrite
		return nil
	}
	v, c := parseLevel(string(p))
	if c != nil {
		return c
	}
	*l = v
	return nil
}

// parseLevel parses a config string: exactly "hidden", "readonly" or "readwrite" (lower case,
// no spaces). Anything else is a cause of kind enum (empty location) whose Details.Expected
// lists the three strings, Details.Actual is s, and Details.Suggest is the level meant when s
// is a near spelling ("read-only", "ReadWrite", "read_write").
func parseLevel(s string) (Level, *validation.Cause) {
	switch s {
	case "hidden":
		return Hidden, nil
	case "readonly":
		return ReadOnly, nil
	case "readwrite":
		return ReadWrite, nil
	}
	c := &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
		Expected: levelNames(), Actual: s,
		Message: strconv.Quote(s) + ` is not an access level: use "hidden", "readonly" or "readwrite"`,
	}}
	switch squash(s) {
	case "hidden":
		c.Details.Suggest = "hidden"
	case "readonly":
		c.Details.Suggest = "readonly"
	case "readwrite":
		c.Details.Suggest = "readwrite"
	}
	return Unset, c
}

// squash lower-cases ASCII letters and drops '-', '_' and spaces, so near spellings of a level
// can be recognized for a suggestion.
func squash(s string) string {
	if len(s) > 32 {
		return ""
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' || c == '_' || c == ' ':
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func levelNames() []string { return []string{"hidden", "readonly", "readwrite"} }

// Party is who reads or writes a profile. The zero value is not a party: it has no access to
// anything (every attribute is hidden from it).
type Party uint8

// The parties. Only EndUser, Bearer and Portal are configurable; the Admin API always has full
// access to every attribute that can be written at all.
const (
	EndUser  Party = iota + 1 // the signed-in user on a settings page ("end_user")
	Bearer                    // the holder of a session or access token, via UserInfo ("bearer"); never writes
	Portal                    // an administrator using the admin console ("portal_ui")
	AdminAPI                  // server-to-server administration ("admin_api"); not configurable, always full access
)

// numParties is one past the largest party, the length of per-party tables indexed by Party.
const numParties = int(AdminAPI) + 1

// Parties returns the four parties in order: EndUser, Bearer, Portal, AdminAPI.
func Parties() []Party { return []Party{EndUser, Bearer, Portal, AdminAPI} }

// String returns the party's name: "end_user", "bearer", "portal_ui" or "admin_api" (the first
// three are the config keys of a rule); "Party(N)" for any other value.
func (p Party) String() string {
	switch p {
	case EndUser:
		return "end_user"
	case Bearer:
		return "bearer"
	case Portal:
		return "portal_ui"
	case AdminAPI:
		return "admin_api"
	}
	return "Party(" + strconv.Itoa(int(p)) + ")"
}

// Valid reports whether p is one of the four parties.
func (p Party) Valid() bool { return p >= EndUser && p <= AdminAPI }

// MarshalText returns the party's name; the zero value and unknown values are an error.
func (p Party) MarshalText() ([]byte, error) {
	if !p.Valid() {
		return nil, &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
			Expected: partyNames(), Actual: p.String(), Message: p.String() + " is not a party",
		}}
	}
	return []byte(p.String()), nil
}

// UnmarshalText accepts "end_user", "bearer", "portal_ui" and "admin_api" (anything else: a *validation.Cause of kind enum).
func (p *Party) UnmarshalText(b []byte) error {
	v, c := parseParty(string(b))
	if c != nil {
		return c
	}
	*p = v
	return nil
}

// parseParty parses a party name: exactly "end_user", "bearer", "portal_ui" or "admin_api".
// Anything else is a cause of kind enum (empty location) listing the four names.
//
// Whoever parses a party from a request must decide whether that caller may act as the Admin
// API; this package only names parties, it does not authenticate them.
func parseParty(s string) (Party, *validation.Cause) {
	switch s {
	case "end_user":
		return EndUser, nil
	case "bearer":
		return Bearer, nil
	case "portal_ui":
		return Portal, nil
	case "admin_api":
		return AdminAPI, nil
	}
	return 0, &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
		Expected: partyNames(), Actual: s, Message: strconv.Quote(s) + " is not a party",
	}}
}

func partyNames() []string { return []string{"end_user", "bearer", "portal_ui", "admin_api"} }

// Op is what a change does to an attribute's value. The zero value is not an operation; a
// change with it is refused to every party but the Admin API.
type Op uint8

// The operations. The caller classifies each change by comparing the old and the new value:
// OpAdd when the attribute was absent, OpRemove when it becomes absent, OpChange when a present
// value becomes a different one. An unchanged value is not a change at all.
const (
	OpAdd    Op = iota + 1 // the attribute was absent and gets a value
	OpChange               // a present value is replaced by a different one
	OpRemove               // a present value is removed
)

// String returns "add", "change", "remove", or "Op(N)" for any other value.
func (o Op) String() string {
	switch o {
	case OpAdd:
		return "add"
	case OpChange:
		return "change"
	case OpRemove:
		return "remove"
	}
	return "Op(" + strconv.Itoa(int(o)) + ")"
}

// Valid reports whether o is OpAdd, OpChange or OpRemove.
func (o Op) Valid() bool { return o >= OpAdd && o <= OpRemove }

// MarshalText returns "add", "change" or "remove"; other values are an error.
func (o Op) MarshalText() ([]byte, error) {
	if !o.Valid() {
		return nil, &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
			Expected: []string{"add", "change", "remove"}, Actual: o.String(), Message: o.String() + " is not an operation",
		}}
	}
	return []byte(o.String()), nil
}

// UnmarshalText accepts exactly "add", "change" and "remove".
func (o *Op) UnmarshalText(b []byte) error {
	switch string(b) {
	case "add":
		*o = OpAdd
	case "change":
		*o = OpChange
	case "remove":
		*o = OpRemove
	default:
		return &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
			Expected: []string{"add", "change", "remove"}, Actual: string(b),
			Message: strconv.Quote(string(b)) + " is not an operation",
		}}
	}
	return nil
}
