package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// Exit codes; see the package documentation.
const (
	exitOK       = 0
	exitInvalid  = 1
	exitUsage    = 2
	exitBreaking = 3
)

const usageText = `usage:
  profilecheck -config authgear.yaml [-party end_user] [-mode patch] [-current current.json]
               [-identities identities.json] [-json] update.json|-
  profilecheck -check-config [-json] authgear.yaml
  profilecheck -evolve [-json] old.yaml new.yaml

Files may be JSON or YAML; a config is a whole authgear.yaml or its user_profile section.

exit codes:
  0  valid update / valid config / evolution without breaking changes
  1  the update or a config is invalid (causes printed)
  2  usage error, or a file that cannot be read or decoded
  3  -evolve found breaking changes

flags:
`

// options are the parsed command line.
type options struct {
	config, current, identities string
	party                       access.Party
	mode                        profile.Mode
	json, checkConfig, evolve   bool
	args                        []string
}

// run is the whole command: it parses args (without the program name), reads the update from
// stdin when its file is "-", writes results to stdout and problems to stderr, and returns the
// exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, code, ok := parseArgs(args, stdout, stderr)
	if !ok {
		return code
	}
	out := &printer{stdout: stdout, stderr: stderr, json: opts.json}
	switch {
	case opts.checkConfig:
		return checkConfig(opts, stdin, out)
	case opts.evolve:
		return evolve(opts, stdin, out)
	}
	return apply(opts, stdin, out)
}

// parseArgs parses the flags, which may come before or after the file arguments ("--" ends
// them). It returns ok=false with the exit code when run must stop (-h, usage error).
func parseArgs(args []string, stdout, stderr io.Writer) (options, int, bool) {
	var o options
	var party, mode string
	fs := flag.NewFlagSet("profilecheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.config, "config", "", "the config: a whole authgear.yaml or its user_profile section (YAML or JSON)")
	fs.StringVar(&party, "party", "end_user", "who sends the update: end_user, portal_ui, bearer or admin_api")
	fs.StringVar(&mode, "mode", "patch", "how the update combines with the current profile: patch (merge patch) or replace")
	fs.StringVar(&o.current, "current", "", "the current profile (YAML or JSON); default: an empty profile")
	fs.StringVar(&o.identities, "identities", "", "the user's identities, newest first: [{\"kind\": \"email\", \"value\": ..., \"verified\": true}]")
	fs.BoolVar(&o.json, "json", false, "print a machine-readable JSON result")
	fs.BoolVar(&o.checkConfig, "check-config", false, "validate the config file given as argument and exit")
	fs.BoolVar(&o.evolve, "evolve", false, "compare the custom attributes of two configs (old.yaml new.yaml) for breaking changes")
	usage := func(w io.Writer) {
		fmt.Fprint(w, usageText)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fail := func(format string, a ...any) (options, int, bool) {
		fmt.Fprintf(stderr, "profilecheck: "+format+"\n", a...)
		fmt.Fprintln(stderr, "run profilecheck -h for usage")
		return o, exitUsage, false
	}

	if len(args) == 0 {
		usage(stderr)
		return o, exitUsage, false
	}
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				usage(stdout)
				return o, exitOK, false
			}
			return fail("%v", err)
		}
		left := fs.Args()
		if len(left) == 0 {
			break
		}
		if consumed := len(rest) - len(left); consumed > 0 && rest[consumed-1] == "--" {
			o.args = append(o.args, left...)
			break
		}
		o.args = append(o.args, left[0])
		rest = left[1:]
	}

	switch {
	case o.checkConfig && o.evolve:
		return fail("-check-config and -evolve cannot be combined")
	case o.checkConfig || o.evolve:
		var set []string
		fs.Visit(func(f *flag.Flag) {
			if f.Name != "json" && f.Name != "check-config" && f.Name != "evolve" {
				set = append(set, "-"+f.Name)
			}
		})
		verb, want := "-check-config", 1
		if o.evolve {
			verb, want = "-evolve", 2
		}
		if len(set) > 0 {
			return fail("%s does not take %s", verb, strings.Join(set, ", "))
		}
		if len(o.args) != want {
			if want == 1 {
				return fail("-check-config takes one config file, got %d arguments", len(o.args))
			}
			return fail("-evolve takes two config files (old new), got %d arguments", len(o.args))
		}
		return o, 0, true
	}

	if o.config == "" {
		return fail("-config is required to check an update")
	}
	if len(o.args) != 1 {
		return fail("want one update file (or - for standard input), got %d arguments", len(o.args))
	}
	if err := o.party.UnmarshalText([]byte(party)); err != nil {
		return fail("-party %q: want end_user, portal_ui, bearer or admin_api", party)
	}
	switch mode {
	case "patch", "merge_patch", "merge-patch":
		o.mode = profile.MergePatch
	case "replace":
		o.mode = profile.Replace
	default:
		return fail("-mode %q: want patch or replace", mode)
	}
	return o, 0, true
}

// apply checks an update and prints the next profile and the changes, or the causes.
func apply(o options, stdin io.Reader, out *printer) int {
	cf, verr, err := loadConfig(o.config, nil)
	if err != nil {
		return out.fileError(err)
	}
	if verr != nil {
		return out.causes(o.config, "invalid config", verr)
	}
	var current profile.Profile
	up := profile.Update{Party: o.party, Mode: o.mode}
	if o.current != "" {
		j, err := readJSON(o.current)
		if err != nil {
			return out.fileError(err)
		}
		current, up.UpdatedAt, err = decodeCurrent(j)
		if err != nil {
			return out.fileError(fmt.Errorf("%s: %w", o.current, err))
		}
		if err := cf.schema.Validate(&current); err != nil {
			for _, c := range asValidation(err).Causes {
				fmt.Fprintf(out.stderr, "profilecheck: warning: %s: %s\n", o.current, c)
			}
		}
	}
	if o.identities != "" {
		j, err := readJSON(o.identities)
		if err != nil {
			return out.fileError(err)
		}
		up.Identities, err = decodeIdentities(j)
		if err != nil {
			return out.fileError(fmt.Errorf("%s: %w", o.identities, err))
		}
	}

	name := o.args[0]
	data, err := readFile(name, stdin)
	if err != nil {
		return out.fileError(err)
	}
	if name == "-" {
		name = "<stdin>"
	}
	update, cause := toJSON(data, name)
	if cause != nil {
		return out.causes(name, "invalid update", asValidation(cause))
	}
	next, changes, err := cf.schema.ApplyJSON(&current, update, up)
	if err != nil {
		return out.causes(name, "invalid update", asValidation(err))
	}
	return out.result(next, changes)
}

// readJSON reads an auxiliary input file (current profile, identities) as JSON; a syntax
// problem there is an input error, not an invalid update.
func readJSON(path string) ([]byte, error) {
	data, err := readFile(path, nil)
	if err != nil {
		return nil, err
	}
	j, cause := toJSON(data, path)
	if cause != nil {
		return nil, fmt.Errorf("%s: %s", path, cause.Details.Message)
	}
	return j, nil
}

// checkConfig validates one config file.
func checkConfig(o options, stdin io.Reader, out *printer) int {
	_, verr, err := loadConfig(o.args[0], stdin)
	if err != nil {
		return out.fileError(err)
	}
	if verr != nil {
		return out.causes(o.args[0], "invalid config", verr)
	}
	return out.ok()
}

// evolve compares the custom attribute lists of two configs.
func evolve(o options, stdin io.Reader, out *printer) int {
	var files [2]*configFile
	for i, path := range o.args {
		cf, verr, err := loadConfig(path, stdin)
		if err != nil {
			return out.fileError(err)
		}
		if verr != nil {
			return out.causes(path, "invalid config", verr)
		}
		files[i] = cf
	}
	defs := func(cf *configFile) []customattr.Definition {
		attrs := cf.config.CustomAttributes.Attributes
		d := make([]customattr.Definition, len(attrs))
		for i := range attrs {
			d[i] = attrs[i].Definition
		}
		return d
	}
	warnings, err := customattr.CheckEvolution(defs(files[0]), defs(files[1]))
	var breaking []*validation.Cause
	if err != nil {
		breaking = asValidation(err).Causes
	}
	// Locations point into the new file's custom attribute list.
	list := files[1].prefix + "/custom_attributes/attributes"
	for _, c := range breaking {
		c.Under(list)
	}
	for _, c := range warnings {
		c.Under(list)
	}
	return out.evolution(breaking, warnings, renames(defs(files[0]), defs(files[1])))
}

// rename is a custom attribute that kept its id and changed its name: allowed, and worth
// showing, because clients that use the old name must follow.
type rename struct {
	ID   string `json:"id"`
	From string `json:"from"`
	To   string `json:"to"`
}

// renames lists the attributes of next whose id was in prev under another pointer (first
// entry per id, as CheckEvolution matches them). Reused ids of another type are breaking
// changes and are left out.
func renames(prev, next []customattr.Definition) []rename {
	old := make(map[string]customattr.Definition, len(prev))
	for _, d := range prev {
		if _, seen := old[d.ID]; !seen && d.ID != "" {
			old[d.ID] = d
		}
	}
	var out []rename
	seen := make(map[string]bool, len(next))
	for _, d := range next {
		p, ok := old[d.ID]
		if !ok || seen[d.ID] {
			continue
		}
		seen[d.ID] = true
		if p.Pointer != d.Pointer && p.Type == d.Type {
			out = append(out, rename{ID: d.ID, From: p.Pointer, To: d.Pointer})
		}
	}
	return out
}
