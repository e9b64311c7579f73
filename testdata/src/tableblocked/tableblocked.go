// Package tableblocked holds machines whose state cannot index a table
// (run with -fsmswitch.form=table -fsmswitch.blocked).
package tableblocked

type word string

const (
	wordOn  word = "on"
	wordOff word = "off"
)

type switcher struct{ w word } // want switcher:`^state machine switcher\.w \(word, 2 states\), rewrite blocked$`

func (s *switcher) flip() {
	switch s.w { // want `no fix: the states are strings, which cannot index a table at tableblocked\.go:5 \(fsmvet help fsmswitch\)$`
	case wordOn:
		s.w = wordOff
	default:
		s.w = wordOn
	}
}

type signed int

const (
	below signed = -1
	above signed = 1
)

type balance struct{ s signed } // want balance:`^state machine balance\.s \(signed, 2 states\), rewrite blocked$`

func (b *balance) flip() {
	switch b.s { // want `no fix: the state below is -1, not an index of a table of at most 256 states at tableblocked\.go:26 \(fsmvet help fsmswitch\)$`
	case below:
		b.s = above
	case above:
		b.s = below
	}
}

type wide uint16

const (
	narrow wide = 1
	broad  wide = 300
)

type span struct{ w wide } // want span:`^state machine span\.w \(wide, 2 states\), rewrite blocked$`

func (s *span) flip() {
	switch s.w { // want `no fix: the state broad is 300, not an index of a table of at most 256 states at tableblocked\.go:45 \(fsmvet help fsmswitch\)$`
	case narrow:
		s.w = broad
	case broad:
		s.w = narrow
	}
}

type gstate uint8

const (
	gA gstate = iota
	gB
)

type holder[T any] struct { // want holder:`^state machine holder\.g \(gstate, 2 states\), rewrite blocked$`
	g gstate
	v T
}

func (h *holder[T]) flip(v T) {
	switch h.g { // want `no fix: the struct is generic: a state function's value needs its type arguments \(a closure, allocated at every transition; no package-level table can hold one\) at tableblocked\.go:66 \(fsmvet help fsmswitch\)$`
	case gA:
		h.g = gB
		h.v = v
	case gB:
		h.g = gA
	}
}
