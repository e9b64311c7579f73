package rewriteblocked

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
		switch m.s { // want `no fix: a case branches to label outer outside it at more.go:23 \(fsmvet help fsmswitch\)$`
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
	switch m.s { // want `no fix: a transition assigns the field of a computed value at more.go:49 \(fsmvet help fsmswitch\)$`
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
	switch { // want `no fix: a case tests more than which state the machine is in at more.go:76; the field is compared outside the consumer switch at more.go:76 \(fsmvet help fsmswitch\)$`
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
	switch m.s { // want `no fix: a switch on the field of another value than the receiver in \(\*peer\)\.step at more.go:102 \(fsmvet help fsmswitch\)$`
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
