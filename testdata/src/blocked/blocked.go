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
type twoSwitches struct{ s st } // want twoSwitches:`^state machine twoSwitches\.s \(st, 2 states\), rewrite blocked$`

func (m *twoSwitches) step() {
	switch m.s { // want `state machine twoSwitches.s \(st, 2 states\) .*; no fix: a second switch on the field in \(\*twoSwitches\).peek at blocked.go:30 \(fsmvet help fsmswitch\)$`
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

type compared struct{ s cmpState } // want compared:`^state machine compared\.s \(cmpState, 2 states\), rewrite blocked$`

func (m *compared) step() {
	switch m.s { // want `no fix: the field is compared outside the consumer switch at blocked.go:56 \(fsmvet help fsmswitch\)$`
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

type printed struct{ s prState } // want printed:`^state machine printed\.s \(prState, 2 states\), rewrite blocked$`

func (m *printed) step() {
	switch m.s { // want `no fix: the field is passed to fmt.Println at blocked.go:75 \(fsmvet help fsmswitch\)$`
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

type stored struct { // want stored:`^state machine stored\.s \(keptState, 2 states\), rewrite blocked$`
	s    keptState
	hist []keptState
}

func (m *stored) step() {
	switch m.s { // want `no fix: the state type is used outside the state field and constants at blocked.go:87, blocked.go:98; the state constant keptA is used as a value at blocked.go:95; the field is stored or returned at blocked.go:98 \(fsmvet help fsmswitch\)$`
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

type withString struct{ s named } // want withString:`^state machine withString\.s \(named, 2 states\), rewrite blocked$`

func (m *withString) step() {
	switch m.s { // want `no fix: the state type has a String method at blocked.go:108 \(fsmvet help fsmswitch\)$`
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

type atomicState struct{ s atomState } // want atomicState:`^state machine atomicState\.s \(atomState, 2 states\), rewrite blocked$`

func (m *atomicState) step() {
	switch m.s { // want `no fix: the state type is used outside the state field and constants at blocked.go:136, blocked.go:138; the field's address is taken at blocked.go:136; the field is accessed atomically at blocked.go:141 \(fsmvet help fsmswitch\)$`
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

type fallsThrough struct{ s ftState } // want fallsThrough:`^state machine fallsThrough\.s \(ftState, 3 states\), rewrite blocked$`

func (m *fallsThrough) step() {
	switch m.s { // want `no fix: the consumer switch uses fallthrough at blocked.go:160 \(fsmvet help fsmswitch\)$`
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

type goesTo struct{ s gotoState } // want goesTo:`^state machine goesTo\.s \(gotoState, 2 states\), rewrite blocked$`

func (m *goesTo) step() {
again:
	switch m.s { // want `no fix: the consumer switch uses goto at blocked.go:180 \(fsmvet help fsmswitch\)$`
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

type incremented struct{ s incState } // want incremented:`^state machine incremented\.s \(incState, 2 states\), rewrite blocked$`

func (m *incremented) step() {
	switch m.s { // want `no fix: the field is incremented or decremented at blocked.go:197 \(fsmvet help fsmswitch\)$`
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

type outside struct{ s outState } // want outside:`^state machine outside\.s \(outState, 2 states\), rewrite blocked$`

func (m *outside) step() {
	switch m.s { // want `no fix: another function switches on the field at blocked.go:221 \(fsmvet help fsmswitch\)$`
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

// A machine printed whole: fmt reads its state field by reflection, and
// would print a function after the rewrite.
type shownState int

const (
	shownA shownState = iota
	shownB
)

type shown struct{ s shownState } // want shown:`^state machine shown\.s \(shownState, 2 states\), rewrite blocked$`

func (m *shown) step() string {
	switch m.s { // want `no fix: the machine is passed to fmt.Sprint, which reads its fields by reflection at blocked.go:\d+ \(fsmvet help fsmswitch\)$`
	case shownA:
		m.s = shownB
	case shownB:
		m.s = shownA
	}
	return fmt.Sprint(m)
}
