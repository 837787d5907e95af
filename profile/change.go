package profile

import (
	"encoding/json"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/stdattr"
)

// Value is one attribute's value in a Change: a string claim, a custom attribute value (a
// string or an exact JSON number), or an address. The zero Value is "absent".
type Value struct {
	v    customattr.Value
	addr *stdattr.Address
}

// textValue returns a Value holding a string.
func textValue(s string) Value {
	if s == "" {
		return Value{}
	}
	return Value{v: customattr.StringValue(s)}
}

// customValue returns a Value holding a custom attribute value.
func customValue(v customattr.Value) Value { return Value{v: v} }

// addressValue returns a Value holding an address (nil or empty is absent).
func addressValue(a *stdattr.Address) Value {
	if a == nil || a.IsZero() {
		return Value{}
	}
	return Value{addr: a}
}

// equal reports whether v and w hold the same value: numbers by value (38 and 38.0 are
// equal), addresses field by field.
func (v Value) equal(w Value) bool {
	if v.addr != nil || w.addr != nil {
		return v.addr.Equal(w.addr)
	}
	return v.v.Equal(w.v)
}

// IsZero reports whether the value is absent.
func (v Value) IsZero() bool { return v.addr == nil && v.v.IsZero() }

// Text returns the string the value holds; ok is false if it holds none.
func (v Value) Text() (s string, ok bool) { return v.v.Text() }

// String formats the value for people and logs (fmt.Stringer): its JSON form, or "absent".
func (v Value) String() string {
	if v.IsZero() {
		return "absent"
	}
	b, err := v.MarshalJSON()
	if err != nil {
		return "invalid"
	}
	return string(b)
}

// Custom returns the value as a custom attribute value (zero for an address).
func (v Value) Custom() customattr.Value { return v.v }

// Address returns the address the value holds, or nil.
func (v Value) Address() *stdattr.Address { return v.addr }

// MarshalJSON writes the value as JSON: a string, a number, a boolean, an address object, or
// null when absent.
func (v Value) MarshalJSON() ([]byte, error) {
	switch {
	case v.addr != nil:
		return json.Marshal(v.addr)
	case v.v.IsZero():
		return []byte("null"), nil
	}
	return v.v.MarshalJSON()
}

// Change is one attribute that an update added, changed or removed: what audit logs and
// profile.updated events need. Path is the attribute's JSON pointer ("/given_name",
// "/address", "/custom_attributes/shoe_size"); the address changes as a whole.
type Change struct {
	Path string    `json:"path"`
	Op   access.Op `json:"op"`
	Old  Value     `json:"old"`
	New  Value     `json:"new"`
}
