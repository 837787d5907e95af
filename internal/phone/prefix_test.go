package phone

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The matcher agrees with Go's regexp on every region's national prefix for parsing and
// international prefix, on random digits and on digits built to match: same match, same end,
// same groups.
func TestPrefixMatcherMatchesRegexp(t *testing.T) {
	ix := metadata()
	exprs := map[string]bool{"0|80?": true, "(0)?1": true, "(?:(0)|(1))2": true, "(9)?$": true, "^0": true, "(00)*1": true, "()": true, "": true}
	for _, md := range ix.regions {
		exprs[md.GetNationalPrefixForParsing()] = true
		exprs[md.GetInternationalPrefix()] = true
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for expr := range exprs {
		m, err := compilePrefix(expr)
		require.NoError(t, err, expr)
		re := regexp.MustCompile("^(?:" + expr + ")")
		require.Equal(t, re.NumSubexp(), m.groups, expr)
		inputs := []string{"", "0", "00", "1", "0000000000", "9"}
		for range 300 {
			b := make([]byte, rng.IntN(maxNationalDigits+1))
			for i := range b {
				b[i] = byte('0' + rng.IntN(10))
			}
			inputs = append(inputs, string(b))
		}
		// Digits the pattern generates: a random walk through its program.
		if m.prog != nil {
			for range 300 {
				inputs = append(inputs, walk(m.prog, rng)+randomDigits(rng, rng.IntN(12)))
			}
		}
		for _, in := range inputs {
			if len(in) > maxNationalDigits {
				in = in[:maxNationalDigits]
			}
			var caps prefixCaps
			matched, end, decided := m.match([]byte(in), &caps)
			require.True(t, decided, "%s %q", expr, in)
			loc := re.FindStringSubmatchIndex(in)
			require.Equal(t, loc != nil, matched, "%s %q", expr, in)
			if loc == nil {
				continue
			}
			require.Equal(t, loc[1], end, "%s %q", expr, in)
			for g := 1; g <= m.groups; g++ {
				require.Equal(t, loc[2*g:2*g+2], caps[2*g:2*g+2], "%s %q group %d", expr, in, g)
			}
		}
	}
	// Input too long for the bit set: undecided, never a wrong answer.
	m, err := compilePrefix(`(1\d{5})$|0`)
	require.NoError(t, err)
	var caps prefixCaps
	_, _, decided := m.match(make([]byte, visitedWords*64), &caps)
	assert.False(t, decided)
	_, err = compilePrefix(`0\b`)
	assert.ErrorIs(t, err, errPrefixUnsupported)
	_, err = compilePrefix(`(0)(1)(2)(3)(4)`)
	assert.ErrorIs(t, err, errPrefixUnsupported)
	_, err = compilePrefix(`(`)
	assert.Error(t, err)
}

func randomDigits(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + rng.IntN(10))
	}
	return string(b)
}

// walk follows random branches of prog from its start and returns the digits consumed on
// the way to a match (or wherever it gives up).
func walk(prog *syntax.Prog, rng *rand.Rand) string {
	var b []byte
	pc := uint32(prog.Start)
	for steps := 0; steps < 200; steps++ {
		inst := &prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt:
			if rng.IntN(2) == 0 {
				pc = inst.Out
			} else {
				pc = inst.Arg
			}
		case syntax.InstMatch, syntax.InstFail:
			return string(b)
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			var ok []byte
			for c := byte('0'); c <= '9'; c++ {
				if inst.Op == syntax.InstRuneAny || inst.Op == syntax.InstRuneAnyNotNL || inst.MatchRune(rune(c)) {
					ok = append(ok, c)
				}
			}
			if len(ok) == 0 {
				return string(b)
			}
			b = append(b, ok[rng.IntN(len(ok))])
			pc = inst.Out
		default:
			pc = inst.Out
		}
	}
	return string(b)
}
