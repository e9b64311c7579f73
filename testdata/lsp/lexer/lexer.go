// Package lexer is the fixture of fsmvet lsp's tests: a state machine with
// a fix, and a poll loop that steps it. Its names are not all ASCII, so
// that a position counted in UTF-16 units (as LSP counts), in runes and in
// bytes differs: 𝒶 (U+1D4B6) is a letter of two UTF-16 units and four
// bytes, é one unit and two bytes.
package lexer

type ét𝒶t int

const (
	début ét𝒶t = iota
	milieu
	fin
)

// A Lexer counts the words of its input.
type Lexer struct {
	ét𝒶t  ét𝒶t
	in    string
	pos   int
	words int
}

// Step runs one step and reports whether the input is done.
func (l *Lexer) Step() bool {
	switch l.ét𝒶t {
	case début:
		l.words++
		l.ét𝒶t = milieu
	case milieu:
		for l.pos < len(l.in) && l.in[l.pos] != ' ' {
			l.pos++
		}
		if l.pos++; l.pos >= len(l.in) {
			l.ét𝒶t = fin
		} else {
			l.ét𝒶t = début
		}
	default:
		return true
	}
	return false
}

// A Stepper runs a machine a step at a time.
type Stepper interface{ Step() bool }

// Drain steps s until it is done.
func Drain(s𝒶 Stepper) {
	for !s𝒶.Step() {
	}
}

// lexers keeps the lexers Words makes on the heap, as a program that
// holds them does: fsmswitch offers no fix of a machine that lives on its
// function's stack.
var lexers []*Lexer

// Words counts the words of in.
func Words(in string) int {
	l := &Lexer{in: in}
	lexers = append(lexers[:0], l)
	Drain(l)
	return l.words
}
