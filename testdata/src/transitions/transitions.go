// Package transitions holds a machine set every way fsmswitch knows: an
// assignment, keyed and positional literals, and the zero values of a
// literal that does not set it, new and var. Its zero state is named
// stZero, which a machine with no zero state would need for the function
// of its zero value: here no such function is needed, and the name is no
// blocker. stTwice has stTwo's value: a transition naming it sets it.
package transitions

type st int

const (
	stZero st = iota
	stOne
	stTwo
	stTwice = stTwo
)

type m struct { // want m:`^state machine m\.s \(st, 3 states\)$`
	s st
	n int
}

func (x *m) Step() {
	switch x.s { // want `^state machine m\.s \(st, 3 states\) is dispatched by this switch in \(\*m\)\.Step; fix: `
	case stZero:
		x.s = stOne
	case stOne:
		x.s = stTwo
	default:
		x.s = stZero
	}
}

func keyed() *m         { return &m{s: stTwo} }
func positional() m     { return m{stOne, 1} }
func unset() *m         { return &m{n: 2} }
func allocated() *m     { return new(m) }
func declared() m       { var z m; return z }
func parenthesized() *m { return (new)(m) }
func twice() *m         { return &m{s: stTwice} }
