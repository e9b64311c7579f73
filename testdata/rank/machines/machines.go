// Package machines holds the tasks: state machines of 8, 7 and 3 states,
// one whose rewrite is blocked, one in transition-pointer form, and a
// task that is no machine at all.
package machines

type m8State uint8

const (
	a0 m8State = iota
	a1
	a2
	a3
	a4
	a5
	a6
	a7
)

// M8 has 8 states.
type M8 struct {
	state m8State
	n     int
}

func (m *M8) Poll() bool {
	switch m.state {
	case a0:
		m.bump()
		m.state = a1
	case a1:
		m.state = a2
	case a2:
		m.state = a3
	case a3:
		m.state = a4
	case a4:
		m.state = a5
	case a5:
		m.state = a6
	case a6:
		m.state = a7
	default:
		return true
	}
	return false
}

func (m *M8) bump() { m.n++ }

type m7State uint8

const (
	b0 m7State = iota
	b1
	b2
	b3
	b4
	b5
	b6
)

// M7 has 7 states.
type M7 struct{ state m7State }

func (m *M7) Poll() bool {
	switch m.state {
	case b0:
		m.state = b1
	case b1:
		m.state = b2
	case b2:
		m.state = b3
	case b3:
		m.state = b4
	case b4:
		m.state = b5
	case b5:
		m.state = b6
	default:
		return true
	}
	return false
}

type smallState uint8

const (
	c0 smallState = iota + 1
	c1
	c2
)

// Small has 3 states; the zero value is none of them.
type Small struct{ state smallState }

func (s *Small) Poll() bool {
	switch s.state {
	case c0:
		s.state = c1
	case c1:
		s.state = c2
	default:
		return true
	}
	return false
}

type gateState string

const (
	gateShut gateState = ""
	gateOpen gateState = "open"
	gateDone gateState = "done"
)

// Gate cannot be rewritten: its state is compared twice outside the
// switch, and a string cannot index a table.
type Gate struct{ state gateState }

func (g *Gate) Poll() bool {
	switch g.state {
	case gateShut:
		g.state = gateOpen
	case gateOpen:
		g.state = gateDone
	}
	return g.state == gateDone
}

// Done says whether the gate is done.
func (g *Gate) Done() bool { return g.state == gateDone }

// Stepper is in transition-pointer form already.
type Stepper struct {
	step func(*Stepper) bool
	n    int
}

// NewStepper returns a Stepper of n steps.
func NewStepper(n int) *Stepper { return &Stepper{n: n, step: count} }

func (s *Stepper) Poll() bool { return s.step(s) }

// Left says how many steps are left.
func (s Stepper) Left() int { return s.n }

func count(s *Stepper) bool {
	if s.n--; s.n <= 0 {
		s.step = stop
	}
	return false
}

func stop(*Stepper) bool { return true }

func helper(n int) int { return n + 1 }

// Plain is a task and no state machine.
type Plain struct{ n int }

func (p *Plain) Poll() bool { p.n++; return p.n > helper(2) }

// NewSmall returns a Small in its zero state, which is none of its
// constants (they start at 1).
func NewSmall() *Small { return &Small{} }
