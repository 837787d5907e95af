package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/profilekit/profilekit/access"

	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// printer writes results as text or, with -json, as one JSON document, and counts the
// warnings for -strict.
type printer struct {
	stdout, stderr io.Writer
	json           bool
	warnings       int
}

// The JSON results.
type (
	applyResult struct {
		Profile profile.Profile  `json:"profile"`
		Changes []profile.Change `json:"changes"`
	}
	causesResult struct {
		File   string              `json:"file"`
		Causes []*validation.Cause `json:"causes"`
	}
	// configResult is the result of -check-config for one file: ok, or the causes (exit 1,
	// or 2 for a syntax error), or the error that kept it from being read (exit 2).
	configResult struct {
		File     string              `json:"file"`
		OK       bool                `json:"ok"`
		Error    string              `json:"error,omitempty"`
		Causes   []*validation.Cause `json:"causes,omitempty"`
		Warnings []*validation.Cause `json:"warnings"`
		code     int
	}
	evolutionResult struct {
		Breaking []*validation.Cause `json:"breaking"`
		Warnings []*validation.Cause `json:"warnings"`
		Renamed  []rename            `json:"renamed"`
	}
)

// writeJSON writes v indented; a failure to encode is reported as an I/O problem.
func (p *printer) writeJSON(v any, code int) int {
	enc := json.NewEncoder(p.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(p.stderr, "profilecheck: writing the result: %v\n", err)
		return exitUsage
	}
	return code
}

// fileError reports a file that cannot be read or decoded.
func (p *printer) fileError(err error) int {
	fmt.Fprintf(p.stderr, "profilecheck: %v\n", err)
	return exitUsage
}

// invalidCode is the exit code of an invalid update or config: 2 when it cannot be decoded
// (a cause of kind syntax: not JSON, a YAML syntax error, a duplicate YAML key), else 1.
func invalidCode(verr *validation.Error) int {
	if verr.Has(validation.KindSyntax) {
		return exitUsage
	}
	return exitInvalid
}

// heading is the first line of the causes of file, what being "update" or "config".
func heading(file, what string, verr *validation.Error) string {
	state := "invalid " + what
	if invalidCode(verr) == exitUsage {
		state = "cannot decode " + what
	}
	return fmt.Sprintf("%s: %s (%s):", file, state, plural(len(verr.Causes), "problem"))
}

// causes reports an invalid update or config read from file; what is "update" or "config".
func (p *printer) causes(file, what string, verr *validation.Error) int {
	code := invalidCode(verr)
	if p.json {
		return p.writeJSON(causesResult{File: file, Causes: verr.Causes}, code)
	}
	fmt.Fprintln(p.stdout, heading(file, what, verr))
	writeCauses(p.stdout, verr.Causes)
	return code
}

// warn reports warnings about file on stderr and counts them.
func (p *printer) warn(file string, warnings []*validation.Cause) {
	for _, c := range warnings {
		fmt.Fprintf(p.stderr, "profilecheck: warning: %s: %s\n", file, causeLine(c))
	}
	p.warnings += len(warnings)
}

// exit is the exit code of the command: code, or 1 under -strict when there were warnings and
// nothing worse.
func (p *printer) exit(code int, strict bool) int {
	if strict && code == exitOK && p.warnings > 0 {
		fmt.Fprintf(p.stderr, "profilecheck: -strict: failing on %s\n", plural(p.warnings, "warning"))
		return exitInvalid
	}
	return code
}

func writeCauses(w io.Writer, causes []*validation.Cause) {
	for _, c := range causes {
		fmt.Fprintf(w, "  %s\n", causeLine(c))
	}
}

// causeLine is a cause for people, with its suggestion.
func causeLine(c *validation.Cause) string {
	line := c.Error()
	if c.Details.Suggest != nil {
		if s, err := json.Marshal(c.Details.Suggest); err == nil {
			line += " (suggested: " + string(s) + ")"
		}
	}
	return line
}

// result reports a valid update: the next profile and the changes.
func (p *printer) result(next profile.Profile, changes []profile.Change) int {
	if changes == nil {
		changes = []profile.Change{}
	}
	if p.json {
		return p.writeJSON(applyResult{Profile: next, Changes: changes}, exitOK)
	}
	if code := p.writeJSON(next, exitOK); code != exitOK {
		return code
	}
	if len(changes) == 0 {
		fmt.Fprintln(p.stdout, "no changes")
		return exitOK
	}
	fmt.Fprintf(p.stdout, "%s:\n", plural(len(changes), "change"))
	for _, c := range changes {
		switch c.Op {
		case access.OpAdd:
			fmt.Fprintf(p.stdout, "  add    %s = %s\n", c.Path, jsonText(c.New))
		case access.OpRemove:
			fmt.Fprintf(p.stdout, "  remove %s (was %s)\n", c.Path, jsonText(c.Old))
		default:
			fmt.Fprintf(p.stdout, "  change %s: %s -> %s\n", c.Path, jsonText(c.Old), jsonText(c.New))
		}
	}
	return exitOK
}

// configResults reports the results of -check-config: as text, each file's state and
// warnings (errors reading a file go to stderr); with -json, the one file's result object, or
// a list of them for several files. It counts the warnings, and returns exitOK unless the
// result cannot be written.
func (p *printer) configResults(results []configResult) int {
	for _, r := range results {
		p.warnings += len(r.Warnings)
		if r.Error != "" {
			fmt.Fprintf(p.stderr, "profilecheck: %s\n", r.Error)
		}
	}
	if p.json {
		if len(results) == 1 {
			return p.writeJSON(results[0], exitOK)
		}
		return p.writeJSON(results, exitOK)
	}
	for _, r := range results {
		switch {
		case r.OK:
			fmt.Fprintf(p.stdout, "%s: ok\n", r.File)
		case r.Causes != nil:
			verr := &validation.Error{Causes: r.Causes}
			fmt.Fprintln(p.stdout, heading(r.File, "config", verr))
			writeCauses(p.stdout, r.Causes)
		}
		if len(r.Warnings) > 0 {
			fmt.Fprintf(p.stdout, "%s: %s:\n", r.File, plural(len(r.Warnings), "warning"))
			writeCauses(p.stdout, r.Warnings)
		}
	}
	return exitOK
}

// evolution reports the breaking changes and warnings of -evolve.
func (p *printer) evolution(breaking, warnings []*validation.Cause, renamed []rename) int {
	code := exitOK
	if len(breaking) > 0 {
		code = exitBreaking
	}
	p.warnings += len(warnings)
	if p.json {
		if breaking == nil {
			breaking = []*validation.Cause{}
		}
		if warnings == nil {
			warnings = []*validation.Cause{}
		}
		if renamed == nil {
			renamed = []rename{}
		}
		return p.writeJSON(evolutionResult{Breaking: breaking, Warnings: warnings, Renamed: renamed}, code)
	}
	if len(breaking) == 0 {
		fmt.Fprintln(p.stdout, "no breaking changes")
	} else {
		fmt.Fprintf(p.stdout, "%s:\n", plural(len(breaking), "breaking change"))
		writeCauses(p.stdout, breaking)
	}
	if len(warnings) > 0 {
		fmt.Fprintf(p.stdout, "%s:\n", plural(len(warnings), "warning"))
		writeCauses(p.stdout, warnings)
	}
	if len(renamed) > 0 {
		fmt.Fprintf(p.stdout, "%s (allowed; clients using the old name must follow):\n", plural(len(renamed), "rename"))
		for _, r := range renamed {
			fmt.Fprintf(p.stdout, "  id %q: %s -> %s\n", r.ID, r.From, r.To)
		}
	}
	return code
}

func jsonText(v profile.Value) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
