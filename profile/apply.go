package profile

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"sync"

	"github.com/profilekit/profilekit/internal/claim"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// Mode is how an update combines with the current profile.
type Mode uint8

const (
	// Replace: the update is the whole new set of attributes. An attribute the party may
	// remove and did not send is removed; attributes it cannot see or cannot write are kept as
	// they were, so a partial view never deletes what it did not show. null means absent, and
	// an address sent as {} is removed.
	Replace Mode = iota + 1
	// MergePatch (RFC 7396): an absent member keeps its value, null removes it, objects
	// (address, custom_attributes) merge recursively, {} changes nothing, and an address left
	// with no sub-field is removed.
	MergePatch
)

// String is "replace" or "merge_patch".
func (m Mode) String() string {
	switch m {
	case Replace:
		return "replace"
	case MergePatch:
		return "merge_patch"
	}
	return "invalid"
}

// Update says who sends an update and how to apply it.
type Update struct {
	Party access.Party // who sends it (AdminAPI, Portal, EndUser; a Bearer never writes)
	Mode  Mode         // Replace or MergePatch
	// Identities are the user's identities, newest first: the values of email, phone_number
	// and preferred_username the user owns, and which are verified. With identity coupling
	// enforced (the default), setting a coupled attribute to a value not among them is a cause
	// of kind "unowned".
	Identities Identities
	// UpdatedAt is the profile's current updated_at (Unix seconds), if known. An update may
	// carry updated_at only with this value.
	UpdatedAt int64
	// SkipChanges says the caller has no use for the change list (a check before saving, a
	// bulk import): the next profile and the causes are the same, the changes returned are
	// nil, and the update does not build them (about a fifth of the reference update's time).
	SkipChanges bool
}

var updatePool = sync.Pool{New: func() any { return new(update) }}

// getUpdate returns a cleared update with a custom slot for each of n definitions.
func getUpdate(n int) *update {
	u := updatePool.Get().(*update)
	if cap(u.custom) < n {
		u.custom = make([]customSlot, n)
	}
	u.custom = u.custom[:n]
	return u
}

// putUpdate clears u before pooling it: its strings are substrings of the caller's whole
// input, which a pooled update must not keep alive. Only the custom slots the update
// mentioned are cleared, so the cost is what the update held, not what the schema defines.
func putUpdate(u *update) {
	for _, i := range u.touched {
		u.custom[i] = customSlot{}
	}
	clear(u.variants)
	// Slot by slot, only those not already zero: zeroing the whole struct at once is a bulk
	// write barrier over every slot while the garbage collector runs. TestPutUpdateClears
	// holds this to a zero update.
	for i := range u.std {
		if u.std[i] != (strSlot{}) {
			u.std[i] = strSlot{}
		}
	}
	for i := range u.addr {
		if u.addr[i] != (strSlot{}) {
			u.addr[i] = strSlot{}
		}
	}
	for i := range u.derived {
		if u.derived[i] != (derivedSlot{}) {
			u.derived[i] = derivedSlot{}
		}
	}
	u.addrState, u.customState, u.keys, u.ascii = absent, absent, 0, false
	u.custom, u.touched, u.variants = u.custom[:0], u.touched[:0], u.variants[:0]
	updatePool.Put(u)
}

// Apply applies an update given as Go values (a map[string]any, as from json.Unmarshal into
// any, or built in Go) to current, and returns the next profile and the list of changes. It
// is ApplyJSON on the map written as JSON: one decoder for both, the same limits, the same
// causes; a value JSON cannot hold (NaN, a string that is not UTF-8, a channel) is a cause at
// its location.
//
// It normalizes and validates every value, then checks access on what changes, then merges.
// On failure it returns one *validation.Error that lists every problem, sorted by location:
// invalid values (errors.Is ErrInvalid), access violations (kind "forbidden", errors.Is
// ErrForbidden) and unowned identity-coupled values (kind "unowned", errors.Is ErrUnowned).
// current is never modified.
func (s *Schema) Apply(current *Profile, input map[string]any, up Update) (Profile, []Change, error) {
	var verr validation.Error
	data := encodeMap(input, s.limits, &verr)
	if hasKind(&verr, validation.KindLimit) {
		return Profile{}, nil, errOf(&verr)
	}
	return s.applyJSON(current, data, up, &verr)
}

// ApplyJSON is Apply for a raw JSON update: the fast path. It decodes straight into the
// pipeline without building a map, rejects duplicate members, invalid UTF-8 and input beyond
// the schema's limits, and reports malformed JSON as a cause of kind "syntax".
func (s *Schema) ApplyJSON(current *Profile, input []byte, up Update) (Profile, []Change, error) {
	var verr validation.Error
	return s.applyJSON(current, input, up, &verr)
}

// applyJSON decodes and applies input, adding to the causes already in verr.
func (s *Schema) applyJSON(current *Profile, input []byte, up Update, verr *validation.Error) (Profile, []Change, error) {
	return s.applyJSONWith(current, input, up, verr, false)
}

// applyJSONWith is applyJSON; dense makes the merge take its general path, which visits every
// slot the schema defines (see merger.dense). Only the tests that hold the fast paths to the
// general one set it.
func (s *Schema) applyJSONWith(current *Profile, input []byte, up Update, verr *validation.Error, dense bool) (Profile, []Change, error) {
	if s.policy == nil {
		verr.Add(&validation.Cause{Kind: validation.KindUnknown, Details: validation.Details{
			Message: "profile: the Schema was not compiled (use Compile)"}})
		return Profile{}, nil, errOf(verr)
	}
	u := getUpdate(len(s.custom))
	defer putUpdate(u)
	s.decodeJSON(input, u, verr)
	if hasKind(verr, validation.KindSyntax) || hasKind(verr, validation.KindLimit) {
		return Profile{}, nil, errOf(verr)
	}
	return s.apply(current, u, up, verr, dense)
}

func (s *Schema) apply(current *Profile, u *update, up Update, verr *validation.Error, dense bool) (Profile, []Change, error) {
	if current == nil {
		current = &Profile{}
	}
	if up.Mode != Replace && up.Mode != MergePatch {
		verr.Add(&validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
			Expected: []string{"replace", "merge_patch"}, Actual: up.Mode.String(), Message: "unknown update mode"}})
		return Profile{}, nil, errOf(verr)
	}
	if !up.Party.Valid() {
		verr.Add(&validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
			Expected: []string{"end_user", "bearer", "portal_ui", "admin_api"}, Actual: up.Party.String(), Message: "unknown party"}})
		return Profile{}, nil, errOf(verr)
	}

	// In Replace, null means absent: what the party cannot write is then kept, as when omitted.
	if up.Mode == Replace {
		u.nullsAbsent()
	}
	// 1. Normalize and validate every value sent; a value that fails is marked invalid so it
	//    takes no further part.
	s.normalize(u, verr)

	// 2. Merge into the next profile, one attribute slot at a time (standard claims, the
	//    address, custom attributes), checking access on what changes and, for the
	//    identity-coupled claims, ownership of the new value.
	// An update that has already failed will return no profile: its merge only looks for
	// the causes the merge finds (access, required, ownership, the variant cap), and builds
	// neither the change list nor the next custom values (merger.discard).
	discard := len(verr.Causes) > 0 && !dense
	var changes []Change
	if !discard && !up.SkipChanges {
		changes = make([]Change, 0, u.mentioned(up.Mode, len(s.custom), current))
	}
	// Field by field rather than as a literal: the compiler builds a literal in a temporary
	// and copies it, and the wide loads of that copy stall on the narrow stores that have just
	// written it (~5 % of the valid reference update in a CPU profile).
	var m merger
	m.s, m.current, m.u, m.up, m.verr, m.changes, m.dense, m.discard = s, current, u, up, *verr, changes, dense, discard
	// current.Claims.Clone() written out: the inlined call copied the claims twice.
	m.next.Claims = current.Claims
	if a := current.Address; a != nil {
		m.next.Address = new(*a)
	}
	m.merge()
	*verr = m.verr

	// 3. Derived claims may be sent back only unchanged.
	s.checkDerived(&m.next, u, up, verr)

	if err := errOf(verr); err != nil {
		return Profile{}, nil, err
	}
	return m.next, m.changes, nil
}

// errOf returns the causes collected in verr as an error, sorted (validation.Error.Err), or
// nil when there are none. verr is the caller's own variable: the error returned is a new
// validation.Error holding the same causes, made only when there are some, so that verr itself
// need not escape to the heap and a valid update does not allocate it.
func errOf(verr *validation.Error) error {
	if len(verr.Causes) == 0 {
		return nil
	}
	return (&validation.Error{Causes: verr.Causes}).Err()
}

// mentioned estimates the number of changes the update makes, to size the change list once
// (a removal of stored variants by Replace or a null object may add more; append copes):
// the members it mentions, or in Replace every attribute (omission removes). It runs after
// normalization, so a standard claim sent as its stored value, or removed while absent, is
// not counted: slot makes no change of either (an equal value is kept as it is).
func (u *update) mentioned(mode Mode, custom int, current *Profile) int {
	if mode == Replace {
		return claim.NumWritable + custom + len(u.variants)
	}
	n := len(u.touched) + len(u.variants)
	for i := range u.std {
		switch u.std[i].state {
		case isValue:
			if f := current.Field(stdattr.Attr(i)); f == nil || *f != u.std[i].v {
				n++
			}
		case isNull:
			if f := current.Field(stdattr.Attr(i)); f == nil || *f != "" {
				n++
			}
		}
	}
	if u.addrState != absent {
		n++
	}
	if u.customState == isNull {
		n += custom
	}
	return n
}

// nullsAbsent turns every null of the update into absent.
func (u *update) nullsAbsent() {
	for i := range u.std {
		if u.std[i].state == isNull {
			u.std[i].state = absent
		}
	}
	for i := range u.addr {
		if u.addr[i].state == isNull {
			u.addr[i].state = absent
		}
	}
	if u.addrState == isNull {
		u.addrState = absent
	}
	if u.customState == isNull {
		u.customState = absent
	}
	for _, i := range u.touched {
		if u.custom[i].state == isNull {
			u.custom[i].state = absent
		}
	}
	for i := range u.variants {
		if u.variants[i].state == isNull {
			u.variants[i].state = absent
		}
	}
}

// hiddenTo reports whether party cannot read an attribute with rule r.
func (s *Schema) hiddenTo(party access.Party, r access.Rule) bool {
	return !r.Level(party).CanRead()
}

// blindViolation is the violation for an attribute the party cannot read but mentioned. It is
// reported whatever the value and whatever the stored value, with an operation derived from
// the update alone (a value is "change", null is "remove"), so that neither the error nor its
// absence tells the party anything about a value it may not see.
func (s *Schema) blindViolation(name, pointer string, party access.Party, state presence) *validation.Cause {
	op := access.OpChange
	if state == isNull {
		op = access.OpRemove
	}
	return s.violation(name, pointer, party, op)
}

// invalid marks a slot whose value failed validation.
const invalid presence = 255

func opOf(had, has bool) access.Op {
	switch {
	case !had:
		return access.OpAdd
	case !has:
		return access.OpRemove
	}
	return access.OpChange
}

func kindOf(a stdattr.Attr) IdentityKind {
	switch a {
	case stdattr.AttrEmail:
		return IdentityEmail
	case stdattr.AttrPhoneNumber:
		return IdentityPhone
	}
	return IdentityUsername
}

// violation is the refusal of op on the attribute named name (at pointer) for party. Its text
// and details come from access's one refusal function ([access.Policy.check]), so write-once
// is blamed only when it is the reason. It runs on the error path only.
func (s *Schema) violation(name, pointer string, party access.Party, op access.Op) *validation.Cause {
	var c *validation.Cause
	if !errors.As(s.policy.Check(party, name, op), &c) { // cannot happen: callers ask only about refused changes
		c = &validation.Cause{Kind: validation.KindForbidden, Details: validation.Details{
			Party: party.String(), Level: s.policy.Level(party, name).String(), Operation: op.String()}}
	}
	c.Location = pointer
	return c
}

func (s *Schema) normalize(u *update, verr *validation.Error) {
	w := work{left: maxWork, ascii: u.ascii}
	for a := stdattr.Attr(1); int(a) < claim.NumWritable; a++ {
		slot := &u.std[a]
		if slot.state != isValue {
			continue
		}
		if !w.charge(slot.v, s.textMax, 0) {
			verr.Add(w.cause(claim.Pointers[a]))
			slot.state = invalid
			continue
		}
		v, err := s.std.Normalize(a, slot.v)
		if err != nil {
			verr.Add(causeOf(err))
			slot.state = invalid
			continue
		}
		if a == stdattr.AttrPicture {
			var c *validation.Cause
			if v, c = s.pictureRepresentation(v); c != nil {
				verr.Add(c.Under(claim.Pointers[a]))
				slot.state = invalid
				continue
			}
		}
		if v != slot.v { // most values are kept as sent: no write (and no write barrier)
			slot.v = v
		}
	}
	if u.addrState == isValue {
		for i := range u.addr {
			slot := &u.addr[i]
			if slot.state != isValue {
				continue
			}
			if !w.charge(slot.v, s.textMax, 0) {
				verr.Add(w.cause(addressPointers[i]))
				slot.state, u.addrState = invalid, invalid
				continue
			}
			v, err := s.std.NormalizeAddressField(addressFields[i], slot.v)
			if err != nil {
				verr.Add(causeOf(err))
				slot.state = invalid
				u.addrState = invalid // a broken address is not merged at all
				continue
			}
			if v != slot.v {
				slot.v = v
			}
		}
	}
	for i := range u.variants {
		slot := &u.variants[i]
		if slot.state != isValue {
			continue
		}
		loc := variantPointer(slot.key)
		if maxRunes, patternSize := s.variantCost(slot.base); !w.charge(slot.v, maxRunes, patternSize) {
			verr.Add(w.cause(loc))
			slot.state = invalid
			continue
		}
		v, err := s.normalizeVariant(slot.base, slot.v)
		if err != nil {
			c := causeOf(err)
			c.Location = loc // the variant's own pointer, not its claim's
			verr.Add(c)
			slot.state = invalid
			continue
		}
		slot.v = v
	}
	for _, i := range u.touched {
		slot := &u.custom[i]
		if slot.state != isValue {
			continue
		}
		info := &s.custom[i]
		if !w.chargeValue(slot.v, info.textMax, info.patternSize) {
			verr.Add(w.cause(info.pointer))
			slot.state = invalid
			continue
		}
		v, err := info.attr.Check(slot.v)
		if err != nil {
			verr.Add(causeOf(err).Under(info.pointer))
			slot.state = invalid
			continue
		}
		if v != slot.v {
			slot.v = v
		}
	}
}

// maxWork bounds the estimated cost, in nanoseconds on a 2-core machine of 2026, of the checks
// of one update whose cost grows with the value and its rules rather than with its bytes
// alone: Unicode normalization of text that is not plain ASCII (about 50 ns a byte) and the
// patterns of custom strings (about 6 ns a byte per instruction of the compiled pattern). With
// every other check linear and cheap (1-3 ms a MiB), an update within the default limits then
// costs at most about 20 ms (BenchmarkHostile). An update past the budget is refused with a
// cause of kind "limit" at each value that did not fit. It depends on the update and the schema
// only, never on the stored profile.
const maxWork = 12_000_000

// work is the part of maxWork an update has left.
type work struct {
	left  int
	ascii bool // every value is ASCII: no value costs a Unicode normalization
}

// charge takes from w the estimated cost of checking v, a text value of at most maxRunes runes
// with a pattern of patternSize instructions (0 for none), and reports whether it fit. A value
// too long to be normalized at all is rejected by its length first and costs only its bytes.
func (w *work) charge(v string, maxRunes, patternSize int) bool {
	n := min(len(v), 16*maxRunes) // 4 bytes a rune, at most 4 runes a rune after NFC
	cost := 0
	for i := 0; i < len(v) && !w.ascii; i++ {
		if v[i] >= 0x80 {
			cost = 50 * n
			break
		}
	}
	cost += 6 * n * patternSize
	w.left -= cost
	return w.left >= 0
}

// chargeValue charges the check of v: its text, or each element of a list (every element is
// normalized and matched on its own), with elementCost for each element besides.
func (w *work) chargeValue(v customattr.Value, maxRunes, patternSize int) bool {
	if text, ok := v.Text(); ok {
		return w.charge(text, maxRunes, patternSize)
	}
	elems, ok := v.List()
	if !ok {
		return true
	}
	w.left -= elementCost * len(elems)
	for _, e := range elems {
		if text, ok := e.Text(); ok && !w.charge(text, maxRunes, patternSize) {
			return false
		}
	}
	return w.left >= 0
}

// elementCost is the estimated cost, in nanoseconds, of checking one element of a list apart
// from its text: a phone number or an email address, the costliest, takes about this long.
const elementCost = 2_000

func (w *work) cause(loc string) *validation.Cause {
	return &validation.Cause{Location: loc, Kind: validation.KindLimit, Details: validation.Details{
		Expected: maxWork, Message: "the update's values are too costly to check at once (long non-ASCII text or long values of patterned attributes); send fewer or shorter values"}}
}

// merger is one update's merge: a single loop over the attribute slots of the schema, with
// one rule for every kind of attribute. Its cost is linear in what the schema defines plus
// what the update mentions.
type merger struct {
	s       *Schema
	current *Profile
	next    Profile // held here, not behind a pointer, so that it need not live on the heap
	u       *update
	up      Update
	verr    validation.Error // the causes so far, by value (see decoder.verr); apply takes them back
	changes []Change
	custom  map[string]customattr.Value // next.Custom, built as the custom slots are merged
	// dense turns off the merge patch's fast paths, which visit only what the update mentions
	// and what is stored; the general path visits every slot of the schema. Both give the same
	// next profile, changes and causes (TestMergeFastPathsAgree).
	dense bool
	// discard: the update has already failed, so the merge records causes only and builds no
	// change list and no custom values (the dense path always builds them, so that
	// TestMergeFastPathsAgree holds the causes of both to each other).
	discard bool
}

func (m *merger) merge() {
	s, u, up := m.s, m.u, m.up
	for a := stdattr.Attr(1); int(a) <= claim.NumWritable; a++ {
		if a == stdattr.AttrAddress {
			state, v := m.addressUpdate()
			m.set("", a, m.slot(a.String(), claim.Pointers[a], s.stdRule[a], s.stdRequired[a], state, v, addressValue(m.current.Address), a))
			continue
		}
		sl := &u.std[a]
		if up.Mode == MergePatch && !m.dense && (sl.state == absent ||
			sl.state == isValue && sl.v == *m.current.Field(a) && !s.hiddenTo(up.Party, s.stdRule[a])) {
			// A merge patch keeps what it does not mention, and a value it sends unchanged to
			// a party that can see it: slot would return the current value, with no cause and
			// no change, and next already holds it.
			continue
		}
		m.set("", a, m.slot(a.String(), claim.Pointers[a], s.stdRule[a], s.stdRequired[a], sl.state, textValue(sl.v), textValue(*m.current.Field(a)), a))
	}
	if up.Mode == MergePatch && u.customState != isNull && !m.dense {
		m.mergeCustomSparse()
		m.next.Custom = m.custom
		m.mergeVariants()
		return
	}
	// Orphans (stored values the schema does not define) are kept as they are: no update can
	// name them, so none may drop them.
	if !m.discard {
		m.custom = s.orphans(m.current.Custom)
	}
	if u.customState != absent || up.Mode == Replace {
		for i := range s.custom {
			info := &s.custom[i]
			state, v := absent, customattr.Value{}
			switch u.customState {
			case isValue:
				state, v = u.custom[i].state, u.custom[i].v
			case isNull:
				// custom_attributes: null removes what the party can see; what it cannot see is
				// not its to remove, and refusing would reveal that it exists.
				if !s.hiddenTo(up.Party, info.rule) {
					state = isNull
				}
			}
			m.set(info.name, 0, m.slot(info.name, info.pointer, info.rule, info.required, state, customValue(v), customValue(m.current.Custom[info.name]), 0))
		}
	} else if !m.discard { // a merge patch without custom_attributes keeps every custom value
		for i := range s.custom {
			if v := m.current.Custom[s.custom[i].name]; !v.IsZero() {
				m.custom = setCustom(m.custom, s.custom[i].name, v, len(m.current.Custom))
			}
		}
	}
	m.next.Custom = m.custom
	m.mergeVariants()
}

// mergeCustomSparse is the custom part of merge for a merge patch whose custom_attributes is
// absent or an object: it visits the stored values and the slots the update mentions, not
// every slot the schema defines. A slot the update does not mention is absent, and slot keeps
// an absent value of a merge patch as it is (no cause, no change), so the stored values are
// copied (orphans among them, as in merge), and the mentioned slots are merged in definition
// order, the order of merge's loop and so of the change list. In a merge patch (no
// nullsAbsent) a custom slot is mentioned exactly when its state is not absent.
func (m *merger) mergeCustomSparse() {
	s, u := m.s, m.u
	size := len(m.current.Custom) + len(u.touched)
	for name, v := range m.current.Custom {
		if m.discard {
			break // no next custom values to build
		}
		if v.IsZero() {
			continue
		}
		if i, ok := s.customIndex(name); ok && u.custom[i].state != absent {
			continue // mentioned: merged below
		}
		m.custom = setCustom(m.custom, name, v, size)
	}
	slices.Sort(u.touched)
	for _, i := range u.touched {
		info := &s.custom[i]
		m.set(info.name, 0, m.slot(info.name, info.pointer, info.rule, info.required, u.custom[i].state, customValue(u.custom[i].v), customValue(m.current.Custom[info.name]), 0))
	}
}

// mergeVariants merges the language-tagged variants: each follows its attribute's rule, and
// is merged by the same slot function as every other attribute. A variant sits inside its
// attribute's object in the JSON form, so a merge patch that sets address or
// custom_attributes to null removes the variants inside too (those the party can see). An
// attribute may have at most Schema.maxVariants variants.
func (m *merger) mergeVariants() {
	s, u, party := m.s, m.u, m.up.Party
	containerNull := m.up.Mode == MergePatch && (u.addrState == isNull || u.customState == isNull)
	if len(u.variants) == 0 && (len(m.current.Variants) == 0 || (m.up.Mode == MergePatch && !containerNull)) {
		m.next.Variants = maps.Clone(m.current.Variants)
		return
	}
	out := make(map[string]string, len(m.current.Variants)+len(u.variants))
	seen := make(map[string]bool, len(u.variants))
	merge := func(key string, b variantBase, state presence, v string) {
		cur := textValue(m.current.Variants[key])
		// The policy decides by the attribute's name; causes and changes point at the variant.
		nv := m.slot(s.variantName(b), variantPointer(key), s.variantRule(b), 0, state, textValue(v), cur, 0)
		if t, ok := nv.Text(); ok {
			out[key] = t
		}
	}
	for i := range u.variants {
		sl := &u.variants[i]
		seen[sl.key] = true
		merge(sl.key, sl.base, sl.state, sl.v)
	}
	for _, key := range slices.Sorted(maps.Keys(m.current.Variants)) {
		if seen[key] {
			continue
		}
		b, _, _, ok := s.variantOf(key)
		if !ok { // a stored variant of no taggable attribute: kept, like an orphan
			out[key] = m.current.Variants[key]
			continue
		}
		state := absent
		// null on the object a variant sits in removes it, if the party can see it: what it
		// cannot see is not its to remove, and refusing would reveal that it exists.
		if containerNull && ((b.field >= 0 && u.addrState == isNull) || (b.custom >= 0 && u.customState == isNull)) &&
			!s.hiddenTo(party, s.variantRule(b)) {
			state = isNull
		}
		merge(key, b, state, "")
	}
	// The cap on variants per attribute, counted in the next profile.
	count := map[string]int{}
	for key := range out {
		path, _, _ := splitVariant(key)
		count[path]++
	}
	for i := range u.variants {
		key := u.variants[i].key
		// (A hidden attribute's variants were refused above; counting them would reveal them.)
		if path, _, _ := splitVariant(key); count[path] > s.maxVariants && out[key] != "" && !s.hiddenTo(party, s.variantRule(u.variants[i].base)) {
			m.verr.Add(&validation.Cause{Location: variantPointer(key), Kind: validation.KindLimit, Details: validation.Details{
				Expected: s.maxVariants, Message: path + " may have at most " + itoa(s.maxVariants) + " language-tagged variants"}})
		}
	}
	if len(out) == 0 {
		out = nil
	}
	m.next.Variants = out
}

// addressUpdate is what the update asks of the address as a whole: its state and, for a
// value, the address it asks for (a merge patch merges the sub-fields into the current one).
func (m *merger) addressUpdate() (presence, Value) {
	u := m.u
	if u.addrState != isValue {
		return u.addrState, Value{}
	}
	var nv stdattr.Address
	if m.up.Mode == MergePatch && m.current.Address != nil {
		nv = *m.current.Address
	}
	for i := range u.addr {
		switch u.addr[i].state {
		case isValue:
			*nv.Field(addressFields[i]) = u.addr[i].v
		case isNull:
			*nv.Field(addressFields[i]) = ""
		}
	}
	if nv.IsZero() {
		return isValue, Value{} // an address left with no sub-field is removed
	}
	return isValue, addressValue(&nv)
}

// slot merges one attribute and returns its value in the next profile: state and v are what
// the update says of it, cur its current value, a the standard claim (0 for a custom
// attribute), req the parties that require it. It is the one place where hidden attributes,
// Replace's omissions, required attributes, ownership, access and the change list are decided.
func (m *merger) slot(name, pointer string, rule access.Rule, req parties, state presence, v, cur Value, a stdattr.Attr) Value {
	s, party := m.s, m.up.Party
	if state == invalid {
		return cur
	}
	if s.hiddenTo(party, rule) {
		if state == isValue || state == isNull {
			m.verr.Add(s.blindViolation(name, pointer, party, state))
		}
		return cur
	}
	nv := cur
	switch state {
	case isValue:
		nv = v
	case isNull:
		nv = Value{}
	default: // absent: a merge patch keeps it; Replace removes what the party may remove
		if m.up.Mode == Replace && !cur.IsZero() && rule.Allows(party, access.OpRemove) {
			nv = Value{}
		}
	}
	// A required attribute: a Replace must leave it present, and a removal is refused.
	// (Required implies writable, hence readable: nothing here depends on hidden values.)
	if nv.IsZero() && req.has(party) && (m.up.Mode == Replace || !cur.IsZero()) {
		m.verr.Add(&validation.Cause{Location: pointer, Kind: validation.KindRequired, Details: validation.Details{
			Party: party.String(), Message: name + " is required for " + party.String() + ": it may not be left out or removed"}})
		return cur
	}
	owned := true
	if a.Coupled() && s.coupling && !nv.IsZero() && !nv.equal(cur) {
		// A value that differs from the stored one takes the owning identity's spelling
		// before access is checked: a case variant of the stored owned email is no change.
		text, _ := nv.Text()
		var spelled string
		if _, spelled, owned = m.up.Identities.owner(s, kindOf(a), text); owned {
			nv = textValue(spelled)
		}
	}
	if nv.equal(cur) {
		return cur // the same number, perhaps spelled differently: keep the stored spelling
	}
	op := opOf(!cur.IsZero(), !nv.IsZero())
	if !rule.Allows(party, op) {
		if state != absent { // a Replace that merely omits what it cannot remove keeps it
			m.verr.Add(s.violation(name, pointer, party, op))
		}
		return cur
	}
	if !owned { // an allowed change to a value the user does not own
		text, _ := nv.Text()
		m.verr.Add(&validation.Cause{Location: pointer, Kind: validation.KindUnowned, Details: validation.Details{
			Actual: text, Message: name + " must be one of the user's own " + kindOf(a).String() + " identities"}})
		return cur
	}
	if m.discard || m.up.SkipChanges {
		return nv
	}
	// Field by field into the list's next element, still zero from make: appending a Change
	// literal copies it with a bulk write barrier while the garbage collector runs, which
	// costs more than the writes.
	n := len(m.changes)
	if n < cap(m.changes) {
		m.changes = m.changes[:n+1]
	} else {
		m.changes = append(m.changes, Change{})
	}
	// Only the parts that are not zero: each pointer written is a write barrier while the
	// garbage collector runs, and most changes add (no Old) a string (no address).
	c := &m.changes[n]
	c.Path, c.Op = pointer, op
	if cur.v != (customattr.Value{}) {
		c.Old.v = cur.v
	}
	if cur.addr != nil {
		c.Old.addr = cur.addr
	}
	if nv.v != (customattr.Value{}) {
		c.New.v = nv.v
	}
	if nv.addr != nil {
		c.New.addr = nv.addr
	}
	return nv
}

// set writes the merged value of one attribute into the next profile.
func (m *merger) set(name string, a stdattr.Attr, v Value) {
	switch {
	case a == stdattr.AttrAddress:
		if v.addr != m.current.Address { // kept: next already holds its own copy
			m.next.Address = v.Address()
		}
	case a != 0:
		*m.next.Field(a), _ = v.Text()
	case !v.IsZero() && !m.discard:
		// Sized by what can be present (stored values plus those the update sends), not by
		// what the schema defines: a schema of 3200 attributes must not cost a 3200-slot map.
		m.custom = setCustom(m.custom, name, v.Custom(), len(m.current.Custom)+len(m.u.touched))
	}
}

// orphans returns the values of cur that the schema does not define, or nil when there are none.
func (s *Schema) orphans(cur map[string]customattr.Value) map[string]customattr.Value {
	var out map[string]customattr.Value
	for name, v := range cur {
		if _, ok := s.customIndex(name); !ok && !v.IsZero() {
			out = setCustom(out, name, v, len(cur))
		}
	}
	return out
}

func setCustom(m map[string]customattr.Value, name string, v customattr.Value, size int) map[string]customattr.Value {
	if m == nil {
		m = make(map[string]customattr.Value, size)
	}
	m[name] = v
	return m
}

// checkDerived compares derived claims sent in the update with their actual values. A party
// that cannot read a derived claim (email_verified and phone_number_verified follow their
// parent; updated_at needs some readable attribute) gets the blind answer of a hidden
// attribute for any mention, whatever the stored values: comparing would tell it what it
// cannot see.
func (s *Schema) checkDerived(next *Profile, u *update, up Update, verr *validation.Error) {
	for i, a := range [...]stdattr.Attr{stdattr.AttrEmailVerified, stdattr.AttrPhoneNumberVerified, stdattr.AttrUpdatedAt} {
		slot := u.derived[i]
		if slot.state == absent {
			continue
		}
		if s.hiddenTo(up.Party, s.stdRule[a]) {
			verr.Add(s.blindViolation(a.String(), claim.Pointers[a], up.Party, slot.state))
			continue
		}
		if slot.state != isValue {
			continue
		}
		if a == stdattr.AttrUpdatedAt {
			if !sameNumber(slot.lit, up.UpdatedAt) {
				verr.Add(&validation.Cause{Location: "/updated_at", Kind: validation.KindConst, Details: validation.Details{
					Expected: up.UpdatedAt, Actual: slot.lit,
					Message: "updated_at is derived; it may be sent only unchanged (pass Update.UpdatedAt to compare)"}})
			}
			continue
		}
		parent := a.Parent()
		v := *next.Field(parent) // email or phone_number
		present := v != ""
		verified := present && s.verified(up.Identities, kindOf(parent), v)
		if !present || slot.b != verified {
			var expected any = verified
			msg := a.String() + " is derived from the user's identities and cannot be set"
			if !present {
				expected = nil
				msg = a.String() + " is derived and absent while " + parent.String() + " is absent"
			}
			verr.Add(&validation.Cause{Location: claim.Pointers[a], Kind: validation.KindConst, Details: validation.Details{
				Expected: expected, Actual: slot.b, Message: msg}})
		}
	}
}

// verified reports whether the user has a verified identity of kind k with value v.
func (s *Schema) verified(ids Identities, k IdentityKind, v string) bool {
	id, _, ok := ids.owner(s, k, v)
	return ok && id.Verified
}

// sameNumber reports whether the JSON number literal lit is the integer n (1700000000,
// 1.7e9 and 1700000000.0 all are).
func sameNumber(lit string, n int64) bool {
	if lit == itoa64(n) {
		return true
	}
	v, err := customattr.NumberValue(json.Number(lit))
	return err == nil && v.Equal(customattr.IntValue(n))
}

// pictureRepresentation puts a normalized picture value in representation form: an image
// reference becomes its public URL, and a URL on the configured image host must name an image
// (it is made canonical); any other URL is kept. Without an image resolver, values are kept.
func (s *Schema) pictureRepresentation(v string) (string, *validation.Cause) {
	if s.images == nil {
		return v, nil
	}
	ref, ok, err := s.images.Ref(v)
	switch {
	case err != nil:
		return "", causeOf(err)
	case ok:
		return s.images.URL(ref, imageurl.VariantProfile), nil
	}
	return s.images.ToRepresentation(v), nil
}
