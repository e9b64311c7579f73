// Package policy holds what fsmswitch reports by default: a machine with a
// fix offered, and not a machine whose rewrite is blocked (that one needs
// -fsmswitch.blocked; its fact is still exported for pollloop).
package policy

type light int

const (
	red light = iota
	green
)

type signal struct{ l light } // want signal:`^state machine signal\.l \(light, 2 states\)$`

func (s *signal) Next() {
	switch s.l { // want `^state machine signal\.l \(light, 2 states\) is dispatched by this switch in \(\*signal\)\.Next; fix: make each state the function that runs it, so a step is one call and no switch \(benchmark before keeping it\) \(fsmvet help fsmswitch\)$`
	case red:
		s.l = green
	case green:
		s.l = red
	}
}

// Its rewrite is blocked in both forms: IsOpen compares the field, which
// the transition-pointer form removes, and a string cannot index a table.
type door string

const (
	shut door = "shut"
	open door = "open"
)

type gate struct{ d door } // want gate:`^state machine gate\.d \(door, 2 states\), rewrite blocked$`

func (g *gate) Next() {
	switch g.d { // blocked, so not reported by default
	case shut:
		g.d = open
	case open:
		g.d = shut
	}
}

func (g *gate) IsOpen() bool { return g.d == open }
