package phone

import (
	"errors"
	"regexp/syntax"
)

// A prefixMatcher answers, for a string of ASCII digits, what Go's regexp answers for
// regexp.MustCompile("^(?:" + expr + ")").FindSubmatchIndex: whether the pattern matches at the
// start, where the match ends, and which capture groups took part in it. libphonenumber asks
// exactly this of a region's national prefix for parsing (the match end is what it strips,
// the groups decide between stripping, transforming and extracting a carrier code) and of its
// international prefix.
//
// Unlike the automata of dfa.go it follows regexp's leftmost-first semantics (the first
// alternative that leads to a match wins, not the longest match), which decides what is
// stripped: "0|80?" strips one digit of "80…", not two. It is a backtracker over the compiled
// RE2 program, a port of regexp's own (regexp/backtrack.go): alternatives are tried in
// priority order and a bit set of visited (instruction, position) pairs keeps it linear. The
// bit set and the capture registers live on the stack, so matching never allocates. A pattern
// that is a plain string of digits ("0", "011", the common case) is a prefix test.
type prefixMatcher struct {
	literal string       // the pattern when it is a plain string of digits; prog is nil then
	prog    *syntax.Prog // the program of "^(?:expr)", as regexp compiles it
	groups  int          // capture groups of the pattern (regexp's NumSubexp)
}

const (
	maxPrefixGroups = 4   // capture groups a pattern may have (libphonenumber's have at most 2)
	visitedWords    = 128 // bit set of the backtracker: len(prog.Inst)*(len(input)+1) bits at most
)

// prefixCaps holds the capture registers: 2g and 2g+1 are the start and end of group g (group
// 0, the whole match, is not recorded), -1 when the group took no part in the match.
type prefixCaps [2 * (maxPrefixGroups + 1)]int

var errPrefixUnsupported = errors.New("phone: prefix pattern outside what the matcher supports")

func isDigitString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// compilePrefix compiles expr the way regexp.Compile("^(?:" + expr + ")") does (Perl syntax,
// simplified, compiled to an RE2 program).
func compilePrefix(expr string) (*prefixMatcher, error) {
	if isDigitString(expr) {
		return &prefixMatcher{literal: expr}, nil
	}
	re, err := syntax.Parse("^(?:"+expr+")", syntax.Perl)
	if err != nil {
		return nil, err
	}
	groups := re.MaxCap()
	if groups > maxPrefixGroups {
		return nil, errPrefixUnsupported
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, err
	}
	for _, inst := range prog.Inst {
		switch inst.Op {
		case syntax.InstAlt, syntax.InstCapture, syntax.InstFail, syntax.InstMatch, syntax.InstNop,
			syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(inst.Arg)&^(syntax.EmptyBeginText|syntax.EmptyBeginLine|syntax.EmptyEndText|syntax.EmptyEndLine) != 0 {
				return nil, errPrefixUnsupported // word boundaries: not used by phone metadata
			}
		default:
			return nil, errPrefixUnsupported
		}
	}
	return &prefixMatcher{prog: prog, groups: groups}, nil
}

// match runs the pattern on s (ASCII digits) from its start. matched and end are the match
// and where it ends; caps receives the groups' positions. decided is false when s is too long
// for the backtracker's bit set: the caller must then leave the number to the parser.
func (m *prefixMatcher) match(s []byte, caps *prefixCaps) (matched bool, end int, decided bool) {
	for i := range caps {
		caps[i] = -1
	}
	if m.prog == nil {
		if len(s) >= len(m.literal) && string(s[:len(m.literal)]) == m.literal {
			return true, len(m.literal), true
		}
		return false, 0, true
	}
	if len(m.prog.Inst)*(len(s)+1) > visitedWords*64 {
		return false, 0, false
	}
	b := backtracker{prog: m.prog, s: s, caps: caps}
	if b.try(uint32(m.prog.Start), 0) {
		return true, b.end, true
	}
	return false, 0, true
}

type backtracker struct {
	prog    *syntax.Prog
	s       []byte
	caps    *prefixCaps
	end     int
	visited [visitedWords]uint64
}

// try reports whether the program matches from instruction pc at position pos, trying
// alternatives in priority order; on success b.end and b.caps describe the match. A pair
// (pc, pos) is explored at most once: when it is reached again the earlier exploration has
// failed (captures do not influence matching), as in regexp's backtracker.
func (b *backtracker) try(pc uint32, pos int) bool {
	for {
		k := int(pc)*(len(b.s)+1) + pos
		if b.visited[k/64]&(1<<(k%64)) != 0 {
			return false
		}
		b.visited[k/64] |= 1 << (k % 64)
		inst := &b.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstMatch:
			b.end = pos
			return true
		case syntax.InstAlt:
			if b.try(inst.Out, pos) {
				return true
			}
			pc = inst.Arg
		case syntax.InstNop:
			pc = inst.Out
		case syntax.InstCapture:
			if int(inst.Arg) >= len(b.caps) || inst.Arg < 2 { // group 0 is not recorded
				pc = inst.Out
				continue
			}
			old := b.caps[inst.Arg]
			b.caps[inst.Arg] = pos
			if b.try(inst.Out, pos) {
				return true
			}
			b.caps[inst.Arg] = old
			return false
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(inst.Arg)
			if op&(syntax.EmptyBeginText|syntax.EmptyBeginLine) != 0 && pos != 0 ||
				op&(syntax.EmptyEndText|syntax.EmptyEndLine) != 0 && pos != len(b.s) {
				return false
			}
			pc = inst.Out
		case syntax.InstRune, syntax.InstRune1:
			if pos >= len(b.s) || !inst.MatchRune(rune(b.s[pos])) {
				return false
			}
			pc, pos = inst.Out, pos+1
		case syntax.InstRuneAny, syntax.InstRuneAnyNotNL: // digits are never a newline
			if pos >= len(b.s) {
				return false
			}
			pc, pos = inst.Out, pos+1
		default: // InstFail
			return false
		}
	}
}
