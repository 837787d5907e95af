package phone

import (
	"encoding/binary"
	"errors"
	"regexp/syntax"
	"slices"
)

// A dfa is a deterministic automaton over the ten ASCII digits that runs up to 16 patterns at
// once. Running it over a string of digits yields a bit mask: bit p is set when pattern p
// matched (the whole string for a full pattern, some prefix for a prefix pattern).
//
// It is built once from the patterns' compiled RE2 programs (regexp/syntax) by subset
// construction, so matching costs one table lookup per digit and never allocates.
type dfa struct {
	next   []int32  // next[state*10+digit] is the following state, or -1 when nothing can match any more
	accept []uint16 // accept[state] is the mask of patterns that match when the input ends here
}

// run returns the mask of patterns that match s. s must consist of ASCII digits only.
func (d *dfa) run(s string) uint16 { return runDFA(d, s) }

// runBytes is run on a byte slice (the national fast path keeps its digits on the stack).
func (d *dfa) runBytes(s []byte) uint16 { return runDFA(d, s) }

func runDFA[S string | []byte](d *dfa, s S) uint16 {
	st := int32(0)
	for i := 0; i < len(s); i++ {
		st = d.next[int(st)*10+int(s[i]-'0')]
		if st < 0 {
			return 0
		}
	}
	return d.accept[st]
}

// dfaPattern is one pattern to compile into a dfa.
type dfaPattern struct {
	expr string // RE2 syntax, not anchored; "" never matches a non-empty string
	// prefix makes the pattern match when some prefix of the input matches (as
	// regexp.MustCompile("^(?:"+expr+")").MatchString does); otherwise the whole input must match
	// (as "^(?:"+expr+")$" does).
	prefix bool
	// nonEmpty, for a prefix pattern, ignores a match of the empty prefix.
	nonEmpty bool
}

var (
	errUnsupported = errors.New("phone: pattern uses a construct the automaton does not support")
	errTooBig      = errors.New("phone: automaton too large")
)

// item is one position of one pattern's program: pattern index in the top 8 bits, program
// counter in the low 24 bits. The counter stickyPC marks a prefix pattern that has matched;
// endPC marks a pattern that matches if the input ends here (it went through a "$").
type item uint32

const (
	stickyPC = 1<<24 - 1
	endPC    = 1<<24 - 2
)

func mkItem(p int, pc uint32) item { return item(uint32(p)<<24 | pc) }
func (it item) pat() int           { return int(it >> 24) }
func (it item) pc() uint32         { return uint32(it) & stickyPC }

// buildDFA compiles the patterns (at most 16) into one dfa of at most maxStates states.
func buildDFA(pats []dfaPattern, maxStates int) (*dfa, error) {
	if len(pats) > 16 {
		return nil, errTooBig
	}
	progs := make([]*syntax.Prog, len(pats))
	for i, p := range pats {
		re, err := syntax.Parse(p.expr, syntax.Perl)
		if err != nil {
			return nil, err
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			return nil, err
		}
		if len(prog.Inst) >= endPC {
			return nil, errTooBig
		}
		progs[i] = prog
	}
	b := &dfaBuilder{pats: pats, progs: progs, index: map[string]int32{}, seen: make([][]uint32, len(progs))}
	for i, prog := range progs {
		b.seen[i] = make([]uint32, len(prog.Inst))
	}
	var start []item
	for i, prog := range progs {
		var err error
		if start, err = b.closure(start, i, uint32(prog.Start), false); err != nil {
			return nil, err
		}
	}
	d := &dfa{}
	b.add(d, start)
	for s := 0; s < len(b.states); s++ {
		for c := byte('0'); c <= '9'; c++ {
			var nxt []item
			for _, it := range b.states[s] {
				if it.pc() == stickyPC {
					nxt = append(nxt, it)
					continue
				}
				if it.pc() == endPC {
					continue
				}
				inst := &progs[it.pat()].Inst[it.pc()]
				switch inst.Op {
				case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
					if inst.MatchRune(rune(c)) {
						var err error
						if nxt, err = b.closure(nxt, it.pat(), inst.Out, true); err != nil {
							return nil, err
						}
					}
				}
			}
			t := int32(-1)
			if len(nxt) > 0 {
				t = b.add(d, nxt)
			}
			d.next[s*10+int(c-'0')] = t
			if len(b.states) > maxStates {
				return nil, errTooBig
			}
		}
	}
	return d, nil
}

type dfaBuilder struct {
	pats   []dfaPattern
	progs  []*syntax.Prog
	index  map[string]int32 // canonical item set -> state
	states [][]item
	stack  []uint32
	seen   [][]uint32 // seen[p][pc] == gen: pc of pattern p already visited by this closure
	gen    uint32
}

// add returns the state for the item set, creating it (and its dfa rows) when new.
func (b *dfaBuilder) add(d *dfa, items []item) int32 {
	slices.Sort(items)
	items = slices.Compact(items)
	key := make([]byte, 4*len(items))
	for i, it := range items {
		binary.LittleEndian.PutUint32(key[4*i:], uint32(it))
	}
	if s, ok := b.index[string(key)]; ok {
		return s
	}
	s := int32(len(b.states))
	b.index[string(key)] = s
	b.states = append(b.states, items)
	var mask uint16
	for _, it := range items {
		if it.pc() == stickyPC || it.pc() == endPC || b.progs[it.pat()].Inst[it.pc()].Op == syntax.InstMatch {
			mask |= 1 << it.pat()
		}
	}
	d.accept = append(d.accept, mask)
	for range 10 {
		d.next = append(d.next, -1)
	}
	return s
}

// closure appends to out the items reachable from pc of pattern p without consuming input.
// consumed says whether at least one character has been consumed on the way here.
func (b *dfaBuilder) closure(out []item, p int, pc uint32, consumed bool) ([]item, error) {
	prog, pat, seen := b.progs[p], b.pats[p], b.seen[p]
	b.gen++
	b.stack = append(b.stack[:0], pc)
	for len(b.stack) > 0 {
		pc := b.stack[len(b.stack)-1]
		b.stack = b.stack[:len(b.stack)-1]
		if seen[pc] == b.gen {
			continue
		}
		seen[pc] = b.gen
		inst := &prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			b.stack = append(b.stack, inst.Arg, inst.Out)
		case syntax.InstCapture, syntax.InstNop:
			b.stack = append(b.stack, inst.Out)
		case syntax.InstFail:
		case syntax.InstMatch:
			switch {
			case !pat.prefix:
				out = append(out, mkItem(p, pc))
			case consumed || !pat.nonEmpty:
				out = append(out, mkItem(p, stickyPC))
			}
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			out = append(out, mkItem(p, pc))
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(inst.Arg)
			begin := op & (syntax.EmptyBeginText | syntax.EmptyBeginLine)
			end := op & (syntax.EmptyEndText | syntax.EmptyEndLine)
			if op&^(begin|end) != 0 {
				return nil, errUnsupported // word boundaries: not used by phone metadata
			}
			if begin != 0 && consumed {
				continue
			}
			if end == 0 {
				b.stack = append(b.stack, inst.Out)
				continue
			}
			// "$": the pattern goes on only if the input ends here. Decide now whether it
			// then matches, and record that as an end-of-input match.
			ok, err := b.matchesAtEnd(prog, inst.Out, consumed)
			if err != nil {
				return nil, err
			}
			if ok && (!pat.prefix || consumed || !pat.nonEmpty) {
				out = append(out, mkItem(p, endPC))
			}
		default:
			return nil, errUnsupported
		}
	}
	return out, nil
}

// matchesAtEnd reports whether prog reaches a match from pc without consuming input when the
// input ends there.
func (b *dfaBuilder) matchesAtEnd(prog *syntax.Prog, pc uint32, consumed bool) (bool, error) {
	seen := map[uint32]bool{}
	stack := []uint32{pc}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		inst := &prog.Inst[pc]
		switch inst.Op {
		case syntax.InstMatch:
			return true, nil
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, inst.Arg, inst.Out)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, inst.Out)
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(inst.Arg)
			if op&^(syntax.EmptyBeginText|syntax.EmptyBeginLine|syntax.EmptyEndText|syntax.EmptyEndLine) != 0 {
				return false, errUnsupported
			}
			if op&(syntax.EmptyBeginText|syntax.EmptyBeginLine) != 0 && consumed {
				continue
			}
			stack = append(stack, inst.Out)
		}
	}
	return false, nil
}
