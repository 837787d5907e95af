package access

import (
	"strconv"
	"strings"

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

// Party is who reads or writes a profile. The zero value is not a party: it has no access to
// anything (every attribute is hidden from it).
type Party uint8

// The parties, in order: a loop "for p := EndUser; p <= AdminAPI; p++" visits each. Only
// EndUser, Bearer and Portal are configurable; the Admin API always has full access to every
// attribute that can be written at all.
const (
	EndUser  Party = iota + 1 // the signed-in user on a settings page ("end_user")
	Bearer                    // the holder of a session or access token, via UserInfo ("bearer"); never writes
	Portal                    // an administrator using the admin console ("portal_ui")
	AdminAPI                  // server-to-server administration ("admin_api"); not configurable, always full access
)

// numParties is one past the largest party, the length of per-party tables indexed by Party.
const numParties = int(AdminAPI) + 1

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

// The text forms of the three enums, indexed by value; "" is a value without one.
var (
	levelNames = [...]string{Hidden: "hidden", ReadOnly: "readonly", ReadWrite: "readwrite"}
	partyNames = [...]string{EndUser: "end_user", Bearer: "bearer", Portal: "portal_ui", AdminAPI: "admin_api"}
	opNames    = [...]string{OpAdd: "add", OpChange: "change", OpRemove: "remove"}
)

// enumName is the text form of v in names, or "<typ>(N)" for a value without one.
func enumName[T ~uint8](names []string, typ string, v T) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

// enumParse is the value named s; the cause (kind enum, empty location) lists the names and,
// for a near spelling ("read-only", "ReadWrite", "End User"), suggests the name meant.
func enumParse[T ~uint8](names []string, what, s string) (T, *validation.Cause) {
	for i, n := range names {
		if n != "" && n == s {
			return T(i), nil
		}
	}
	list := named(names)
	c := &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
		Expected: list, Actual: s, Message: strconv.Quote(s) + " is not " + what + `: use "` + strings.Join(list, `", "`) + `"`}}
	squash := strings.NewReplacer("-", "", "_", "", " ", "")
	if len(s) <= 32 {
		for _, n := range list {
			if squash.Replace(strings.ToLower(s)) == squash.Replace(n) {
				c.Details.Suggest = n
			}
		}
	}
	return 0, c
}

// enumText is MarshalText for a value of an enum: its name, or a cause for one without.
func enumText[T ~uint8](names []string, typ, what string, v T) ([]byte, error) {
	if int(v) >= len(names) || names[v] == "" {
		return nil, &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
			Expected: named(names), Actual: enumName(names, typ, v), Message: enumName(names, typ, v) + " is not " + what}}
	}
	return []byte(names[v]), nil
}

// named is the names of an enum's values.
func named(names []string) []string {
	var out []string
	for _, n := range names {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// String returns the config string of a level ("hidden", "readonly", "readwrite"), "unset" for
// the zero value and "Level(N)" for a value outside the four.
func (l Level) String() string {
	if l == Unset {
		return "unset"
	}
	return enumName(levelNames[:], "Level", l)
}

// valid reports whether l is one of Hidden, ReadOnly and ReadWrite.
func (l Level) valid() bool { return l >= Hidden && l <= ReadWrite }

// CanRead reports whether l lets a party see the attribute (ReadOnly or ReadWrite).
func (l Level) CanRead() bool { return l == ReadOnly || l == ReadWrite }

// CanWrite reports whether l lets a party write the attribute (ReadWrite).
func (l Level) CanWrite() bool { return l == ReadWrite }

// MarshalText returns the config string of a valid level. Unset and values outside the three
// levels have no config string and are an error.
func (l Level) MarshalText() ([]byte, error) {
	return enumText(levelNames[:], "Level", "an access level", l)
}

// UnmarshalText accepts exactly "hidden", "readonly" and "readwrite" (lower case, no spaces).
// Anything else is a *validation.Cause of kind enum whose Details.Expected lists the three,
// Details.Actual is the text, and Details.Suggest the level meant by a near spelling
// ("read-only", "ReadWrite", "read_write").
func (l *Level) UnmarshalText(p []byte) error {
	switch string(p) { // no allocation for the three levels
	case "hidden":
		*l = Hidden
	case "readonly":
		*l = ReadOnly
	case "readwrite":
		*l = ReadWrite
	default:
		_, c := enumParse[Level](levelNames[:], "an access level", string(p))
		return c
	}
	return nil
}

// String returns the party's name: "end_user", "bearer", "portal_ui" or "admin_api" (the first
// three are the config keys of a rule); "Party(N)" for any other value.
func (p Party) String() string { return enumName(partyNames[:], "Party", p) }

// Valid reports whether p is one of the four parties.
func (p Party) Valid() bool { return p >= EndUser && p <= AdminAPI }

// MarshalText returns the party's name; the zero value and unknown values are an error.
func (p Party) MarshalText() ([]byte, error) { return enumText(partyNames[:], "Party", "a party", p) }

// UnmarshalText accepts "end_user", "bearer", "portal_ui" and "admin_api" (anything else: a
// *validation.Cause of kind enum listing the four). Whoever parses a party from a request must
// decide whether that caller may act as the Admin API; this package only names parties, it
// does not authenticate them.
func (p *Party) UnmarshalText(b []byte) error {
	v, c := enumParse[Party](partyNames[:], "a party", string(b))
	if c != nil {
		return c
	}
	*p = v
	return nil
}

// String returns "add", "change", "remove", or "Op(N)" for any other value.
func (o Op) String() string { return enumName(opNames[:], "Op", o) }

// valid reports whether o is OpAdd, OpChange or OpRemove.
func (o Op) valid() bool { return o >= OpAdd && o <= OpRemove }

// MarshalText returns "add", "change" or "remove"; other values are an error.
func (o Op) MarshalText() ([]byte, error) { return enumText(opNames[:], "Op", "an operation", o) }

// UnmarshalText accepts exactly "add", "change" and "remove".
func (o *Op) UnmarshalText(b []byte) error {
	v, c := enumParse[Op](opNames[:], "an operation", string(b))
	if c != nil {
		return c
	}
	*o = v
	return nil
}
