package rewriteblocked

import "sync/atomic"

// A case that breaks out of a loop around the switch by its label.
type brState int

const (
	brA brState = iota
	brB
)

type breaker struct { // want breaker:`^state machine breaker\.s \(brState, 2 states\), rewrite blocked$`
	s brState
	n int
}

func (m *breaker) run() {
outer:
	for {
		switch m.s { // want `no fix: a case branches to label outer outside it at more.go:25 \(fsmvet help fsmswitch\)$`
		case brA:
			m.s = brB
			m.n++
			break outer
		case brB:
			m.s = brA
		}
	}
}

// With a destructor, a transition through a computed value would be
// evaluated twice when it also stores the state function.
type cvState int

const (
	cvA cvState = iota
	cvB
)

type computed struct { // want computed:`^state machine computed\.s \(cvState, 2 states\), rewrite blocked$`
	s    cvState
	self *computed
}

func (m *computed) me() *computed { return m }

func (m *computed) step() {
	switch m.s { // want `no fix: a transition assigns the field of a computed value at more.go:51 \(fsmvet help fsmswitch\)$`
	case cvA:
		m.me().s = cvB
	case cvB:
		m.s = cvA
	}
}

func (m *computed) Close() {
	switch m.s {
	case cvB:
		m.self = nil
	}
}

// A tagless case that asks which state the machine is not in.
type neState int

const (
	neA neState = iota
	neB
)

type notEqual struct{ s neState } // want notEqual:`^state machine notEqual\.s \(neState, 2 states\), rewrite blocked$`

func (m *notEqual) step() {
	switch { // want `no fix: a case tests more than which state the machine is in at more.go:78; the field is compared outside the consumer switch at more.go:78 \(fsmvet help fsmswitch\)$`
	case m.s == neA:
		m.s = neB
	case m.s != neA:
		m.s = neA
	}
}

// A switch on a peer's field in a method of the struct.
type peerState int

const (
	peerA peerState = iota
	peerB
)

type peer struct { // want peer:`^state machine peer\.s \(peerState, 2 states\), rewrite blocked$`
	s    peerState
	next *peer
}

func (m *peer) step() {
	switch m.s { // want `no fix: a switch on the field of another value than the receiver in \(\*peer\)\.step at more.go:104 \(fsmvet help fsmswitch\)$`
	case peerA:
		m.s = peerB
	case peerB:
		m.s = peerA
	}
	p := m.next
	switch p.s {
	case peerA:
		p.s = peerB
	}
}

// A goto from before the switch to its label: the rewrite would drop the
// label with the switch.
type gtState int

const (
	gtA gtState = iota
	gtB
)

type again struct { // want again:`^state machine again\.s \(gtState, 2 states\), rewrite blocked$`
	s gtState
	n int
}

func (m *again) step() {
top:
	switch m.s { // want `no fix: a goto jumps to the consumer switch's label at more.go:134 \(fsmvet help fsmswitch\)$`
	case gtA:
		m.s = gtB
	case gtB:
		m.s = gtA
	}
	m.n++
	if m.n < 3 {
		goto top
	}
}

// The same reason at two places, each its own blocker; and a tagless case
// that asks for either of two states with ||.
type twState int

const (
	twA twState = iota
	twB
)

type twice struct { // want twice:`^state machine twice\.s \(twState, 2 states\), rewrite blocked$`
	s twState
}

func (m *twice) step() {
	switch { // want `no fix: a case tests more than which state the machine is in at more.go:153; the field is compared outside the consumer switch at more.go:158, more.go:159 \(fsmvet help fsmswitch\)$`
	case m.s == twA || m.s == twB:
		m.s = twB
	}
}

func (m *twice) same(o *twice) bool { return m.s == o.s }
func (m *twice) less(o *twice) bool { return m.s < o.s }

// The field passed by address to package sync/atomic, and nothing else.
type atState int32

const (
	atA atState = iota
	atB
)

type atomically struct { // want atomically:`^state machine atomically\.s \(atState, 2 states\), rewrite blocked$`
	s atState
}

func (m *atomically) step() {
	switch m.s { // want `no fix: the field is accessed atomically at more.go:180 \(fsmvet help fsmswitch\)$`
	case atA:
		m.s = atB
	case atB:
		m.s = atA
	}
	atomic.AddInt32((*int32)(&m.s), 0)
}

// With a destructor the state function goes in a field named after the
// state field with Fn added: a method of that name takes it.
type fnTakenState int

const (
	ftA fnTakenState = iota
	ftB
)

type fnTaken struct { // want fnTaken:`^state machine fnTaken\.s \(fnTakenState, 2 states\), rewrite blocked$`
	s fnTakenState
	n int
}

func (m *fnTaken) sFn() int { return m.n }

func (m *fnTaken) step() {
	switch m.s { // want `no fix: the field name sFn the rewrite needs is taken at more.go:185 \(fsmvet help fsmswitch\)$`
	case ftA:
		m.s = ftB
	case ftB:
		m.s = ftA
		m.n = m.sFn() + 1
	}
}

func (m *fnTaken) Close() {
	switch m.s {
	case ftB:
		m.n = 0
	}
}
