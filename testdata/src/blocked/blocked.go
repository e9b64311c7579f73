// Package blocked holds closed state machines that something keeps from
// being rewritten; fsmswitch reports each with what blocks it.
package blocked

import (
	"fmt"
	"sync/atomic"
)

type st int

const (
	stA st = iota
	stB
)

// A second consumer switch in another method.
type twoSwitches struct{ s st }

func (m *twoSwitches) step() { // want step:"state machine"
	switch m.s { // want `closed state machine: st \(2 states\) in field twoSwitches.s, .*; rewrite to transition-pointer form blocked: a second switch on the field in \(\*twoSwitches\).peek at blocked.go:30$`
	case stA:
		m.s = stB
	case stB:
		m.s = stA
	}
}

func (m *twoSwitches) peek() int {
	switch m.s {
	case stA:
		return 1
	}
	return 0
}

// Compared outside the consumer.
type cmpState int

const (
	cmpA cmpState = iota
	cmpB
)

type compared struct{ s cmpState }

func (m *compared) step() { // want step:"state machine"
	switch m.s { // want `blocked: the field is compared outside the consumer switch at blocked.go:56$`
	case cmpA:
		m.s = cmpB
	default:
		m.s = cmpA
	}
}

func (m *compared) done() bool { return m.s == cmpB }

// Passed to a function, printed.
type prState int

const (
	prA prState = iota
	prB
)

type printed struct{ s prState }

func (m *printed) step() { // want step:"state machine"
	switch m.s { // want `blocked: the field is passed to fmt.Println at blocked.go:75$`
	case prA:
		m.s = prB
	}
}

func (m *printed) dump() { fmt.Println(m.s) }

// Stored.
type keptState int

const (
	keptA keptState = iota
	keptB
)

type stored struct {
	s    keptState
	hist []keptState
}

func (m *stored) step() { // want step:"state machine"
	switch m.s { // want `blocked: the field is stored or returned at blocked.go:98$`
	case keptA:
		m.s = keptB
	}
	m.hist = append(m.hist, keptA)
}

func (m *stored) current() keptState { return m.s }

// A String method on the state type.
type named int

const (
	namedA named = iota
	namedB
)

func (n named) String() string { return [...]string{"A", "B"}[n] }

type withString struct{ s named }

func (m *withString) step() { // want step:"state machine"
	switch m.s { // want `blocked: the state type has a String method at blocked.go:108$`
	case namedA:
		m.s = namedB
	}
}

// Address taken and atomic access.
type atomState int32

const (
	atomA atomState = iota
	atomB
)

type atomicState struct{ s atomState }

func (m *atomicState) step() { // want step:"state machine"
	switch m.s { // want `blocked: the field's address is taken at blocked.go:136; the field is accessed atomically at blocked.go:141$`
	case atomA:
		m.s = atomB
	}
}

func (m *atomicState) ptr() *atomState { return &m.s }

func (m *atomicState) load() atomState {
	var p *int32
	_ = atomic.LoadInt32(p)
	_ = atomic.LoadInt32((*int32)(&m.s))
	return 0
}

// fallthrough and goto in the consumer.
type ftState int

const (
	ftA ftState = iota
	ftB
	ftC
)

type fallsThrough struct{ s ftState }

func (m *fallsThrough) step() { // want step:"state machine"
	switch m.s { // want `blocked: the consumer switch uses fallthrough at blocked.go:160$`
	case ftA:
		m.s = ftB
		fallthrough
	case ftB:
		m.s = ftC
	}
}

type gotoState int

const (
	gotoA gotoState = iota
	gotoB
)

type goesTo struct{ s gotoState }

func (m *goesTo) step() { // want step:"state machine"
again:
	switch m.s { // want `blocked: the consumer switch uses goto at blocked.go:180$`
	case gotoA:
		m.s = gotoB
		goto again
	}
}

// A computed next state.
type incState int

const (
	incA incState = iota
	incB
)

type incremented struct{ s incState }

func (m *incremented) step() { // want step:"state machine"
	switch m.s { // want `blocked: the field is incremented or decremented at blocked.go:197$`
	case incA:
		m.s++
	case incB:
		m.s = incA
	}
}

// Another function switches on the field.
type outState int

const (
	outA outState = iota
	outB
)

type outside struct{ s outState }

func (m *outside) step() { // want step:"state machine"
	switch m.s { // want `blocked: another function switches on the field at blocked.go:221$`
	case outA:
		m.s = outB
	}
}

func describe(m *outside) string {
	switch m.s {
	case outA:
		return "a"
	}
	return "b"
}
