package customattr

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/validation"
)

// CheckEvolution compares a definition list in use (prev) with its replacement (next) and
// reports the edits the evolution rules forbid, as err (a [*validation.Error], nil when there
// are none), and the allowed edits that may make stored values invalid, as warnings. Both
// lists are expected to compile; CheckEvolution does not repeat [Compile]'s checks (compile
// next as well). Definitions are matched by id; the first entry with an id counts.
//
// Locations point into next, where the edited entry is. Breaking edits, all of kind
// "immutable":
//   - deletion: an id of prev missing from next. It has no entry in next, so its location is
//     "" (the list); Details.Expected is the missing id and Details.Message names the attribute
//     and its old position. Changing an id counts as deleting the old one.
//   - type change: same id and name, another type, at /j/type (Details.Expected the old type,
//     Details.Actual the new one).
//   - reused id: same id but another type and another name — the id was given to a different
//     attribute — at /j/id (Expected the old type, Actual the new one; the message names both).
//     An id reused with the same type under a new name cannot be told from a rename from two
//     lists alone, and is accepted as a rename.
//
// Allowed: renaming (same id, new pointer), reordering, adding, changing bounds, options,
// length limits, pattern or access. Warnings, located at the changed member in next:
//   - "minimum"/"maximum": a bound of a number, integer or date attribute added or tightened
//     (Expected the new bound, Actual the old one, nil when there was none; a json.Number for
//     numbers, a string for dates);
//   - "enum" at /j/enum: options removed (Expected the new options, Actual the removed ones);
//   - "minLength"/"maxLength": a length bound added or tightened (Expected the new bound,
//     Actual the old one, nil when there was none; no max_length means 1024);
//   - "pattern": a pattern added or changed (Expected the new pattern, Actual the old one);
//   - "immutable" at /j/pointer: a name that now belongs to a different id that still exists
//     (swapped names): clients using the name see the other attribute's data.
//
// Warnings are sorted by location.
func CheckEvolution(prev, next []Definition) (warnings []*validation.Cause, err error) {
	prevByID := firstIndex(prev, func(d Definition) string { return d.ID })
	nextByID := firstIndex(next, func(d Definition) string { return d.ID })
	prevByName := firstIndex(prev, Definition.Name)

	var breaking validation.Error
	for i, d := range prev {
		if d.ID == "" || prevByID[d.ID] != i {
			continue
		}
		if _, ok := nextByID[d.ID]; ok {
			continue
		}
		msg := "custom attribute of id " + strconv.Quote(d.ID) + " (" + d.Pointer + ", at /" + strconv.Itoa(i) +
			" in the previous list) was deleted; attributes cannot be deleted: rename and hide it instead"
		for j, n := range next {
			if n.Name() == d.Name() && n.ID != "" {
				msg += "; " + d.Pointer + " (at /" + strconv.Itoa(j) + ") now has the id " + strconv.Quote(n.ID) + ", but ids never change"
				break
			}
		}
		breaking.Add(&validation.Cause{Kind: validation.KindImmutable, Details: validation.Details{Expected: d.ID, Message: msg}})
	}

	for j, n := range next {
		if n.ID == "" || nextByID[n.ID] != j {
			continue
		}
		i, ok := prevByID[n.ID]
		if !ok {
			continue
		}
		p := prev[i]
		base := "/" + strconv.Itoa(j)
		if p.Type != n.Type {
			if p.Name() != n.Name() {
				breaking.Add(&validation.Cause{Location: base + "/id", Kind: validation.KindImmutable, Details: validation.Details{
					Expected: string(p.Type), Actual: string(n.Type),
					Message: "id " + strconv.Quote(n.ID) + " belonged to " + p.Pointer + " (" + string(p.Type) + ") and is reused for " +
						n.Pointer + " (" + string(n.Type) + "); an id is never reused: give the new attribute a new id",
				}})
			} else {
				breaking.Add(&validation.Cause{Location: base + "/type", Kind: validation.KindImmutable, Details: validation.Details{
					Expected: string(p.Type), Actual: string(n.Type),
					Message: "custom attribute of id " + strconv.Quote(n.ID) + " has type changed; original: " + string(p.Type) +
						", incoming: " + string(n.Type) + "; create a new attribute and migrate the values instead",
				}})
			}
			continue
		}
		if p.Multiple != n.Multiple {
			shape := func(m bool) string {
				if m {
					return "multi-valued"
				}
				return "single-valued"
			}
			breaking.Add(&validation.Cause{Location: base + "/multiple", Kind: validation.KindImmutable, Details: validation.Details{
				Expected: p.Multiple, Actual: n.Multiple,
				Message: "custom attribute of id " + strconv.Quote(n.ID) + " was " + shape(p.Multiple) + " and would become " + shape(n.Multiple) +
					": stored values would no longer fit; create a new attribute and migrate the values instead",
			}})
			continue
		}
		if n.Name() != p.Name() {
			if k, ok := prevByName[n.Name()]; ok && prev[k].ID != n.ID {
				if _, still := nextByID[prev[k].ID]; still {
					warnings = append(warnings, &validation.Cause{Location: base + "/pointer", Kind: validation.KindImmutable, Details: validation.Details{
						Expected: prev[k].ID, Actual: n.ID,
						Message: "the name " + n.Name() + " now refers to id " + strconv.Quote(n.ID) + " instead of " + strconv.Quote(prev[k].ID) +
							": clients that use " + n.Name() + " see another attribute's data",
					}})
				}
			}
		}
		warnings = append(warnings, tightened(p, n, base)...)
	}
	_ = (&validation.Error{Causes: warnings}).Err() // sorts by location, then kind
	return warnings, breaking.Err()
}

func firstIndex(defs []Definition, key func(Definition) string) map[string]int {
	m := make(map[string]int, len(defs))
	for i, d := range defs {
		k := key(d)
		if _, seen := m[k]; !seen && k != "" {
			m[k] = i
		}
	}
	return m
}

// tightened lists the edits of one attribute (same id, same type) that can invalidate stored
// values.
func tightened(p, n Definition, base string) []*validation.Cause {
	var out []*validation.Cause
	warn := func(member string, kind validation.Kind, expected, actual any, msg string) {
		out = append(out, &validation.Cause{Location: base + "/" + member, Kind: kind, Details: validation.Details{
			Expected: expected, Actual: actual, Message: msg + "; stored values may no longer be valid",
		}})
	}
	switch n.Type {
	case Number, Integer:
		if boundTightened(p.Minimum, n.Minimum, +1) {
			warn("minimum", validation.KindMinimum, json.Number(n.Minimum), orNil(json.Number(p.Minimum)), "minimum added or raised")
		}
		if boundTightened(p.Maximum, n.Maximum, -1) {
			warn("maximum", validation.KindMaximum, json.Number(n.Maximum), orNil(json.Number(p.Maximum)), "maximum added or lowered")
		}
	case Date:
		if dateTightened(p.Minimum, n.Minimum, +1) {
			warn("minimum", validation.KindMinimum, string(n.Minimum), orNil(string(p.Minimum)), "minimum added or raised")
		}
		if dateTightened(p.Maximum, n.Maximum, -1) {
			warn("maximum", validation.KindMaximum, string(n.Maximum), orNil(string(p.Maximum)), "maximum added or lowered")
		}
	}
	if n.Type == Enum {
		var removed []string
		for _, o := range p.Enum {
			if !slices.Contains(n.Enum, o) {
				removed = append(removed, o)
			}
		}
		if len(removed) > 0 {
			warn("enum", validation.KindEnum, slices.Clone(n.Enum), removed, "options removed: "+strings.Join(removed, ", "))
		}
	}
	if n.Type == String {
		if max(n.MinLength, 1) > max(p.MinLength, 1) {
			warn("min_length", validation.KindMinLength, n.MinLength, orNil(p.MinLength), "min_length added or raised")
		}
		if effMax(n.MaxLength) < effMax(p.MaxLength) {
			warn("max_length", validation.KindMaxLength, n.MaxLength, orNil(p.MaxLength), "max_length added or lowered")
		}
		if n.Pattern != "" && n.Pattern != p.Pattern {
			warn("pattern", validation.KindPattern, n.Pattern, orNil(p.Pattern), "pattern added or changed")
		}
	}
	if n.Multiple { // p.Multiple too: a change of shape is breaking
		if max(n.MinItems, 1) > max(p.MinItems, 1) {
			warn("min_items", validation.KindMinItems, n.MinItems, orNil(p.MinItems), "min_items added or raised")
		}
		if effItems(n.MaxItems) < effItems(p.MaxItems) {
			warn("max_items", validation.KindMaxItems, n.MaxItems, orNil(p.MaxItems), "max_items added or lowered")
		}
		if n.UniqueItems && !p.UniqueItems {
			warn("unique_items", validation.KindUniqueItems, true, false, "unique_items added")
		}
	}
	return out
}

func effItems(n int) int {
	if n == 0 {
		return maxListItems
	}
	return n
}

func effMax(n int) int {
	if n == 0 {
		return format.DefaultMaxLength
	}
	return n
}

// boundTightened reports whether the bound nu is stricter than old: set where old was not, or
// beyond it in direction dir (+1: greater, for a minimum; -1: smaller, for a maximum). Literals
// that do not parse are left to Compile.
func boundTightened(old, nu Bound, dir int) bool {
	if nu == "" {
		return false
	}
	dn, ok := parseDecimal(string(nu))
	if !ok {
		return false
	}
	if old == "" {
		return true
	}
	do, ok := parseDecimal(string(old))
	return ok && dn.cmp(&do) == dir
}

// dateTightened is boundTightened for the bounds of a date attribute. Dates YYYY-MM-DD
// compare as strings; bounds that are not dates are left to Compile.
func dateTightened(old, nu Bound, dir int) bool {
	if nu == "" {
		return false
	}
	if _, _, _, ok := format.SplitDate(string(nu)); !ok {
		return false
	}
	if old == "" {
		return true
	}
	if _, _, _, ok := format.SplitDate(string(old)); !ok {
		return false
	}
	return strings.Compare(string(nu), string(old)) == dir
}

func orNil[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}
