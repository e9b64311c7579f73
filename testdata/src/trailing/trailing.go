// Package trailing holds consumers whose every case ends the method, so
// that the code after the switch runs only when no case does: it moves
// into the function of the states no case handles, and the dispatch
// returns what the state's function returns.
package trailing

import "fmt"

// A parser whose switch is followed by a panic for a state no case
// handles (its zero value, iota + 1).
type pstate uint8

const (
	pKey pstate = iota + 1
	pValue
)

type parser struct { // want parser:`^state machine parser\.state \(pstate, 2 states\)$`
	state      pstate
	key, value []byte
}

func newParser() *parser { return &parser{state: pKey} }

func (p *parser) step(c byte) error {
	switch p.state { // want `^state machine parser\.state \(pstate, 2 states\) is dispatched by this switch in \(\*parser\)\.step; fix: `
	case pKey:
		if c == '=' {
			p.state = pValue
			return nil
		}
		p.key = append(p.key, c)
		return nil
	case pValue:
		if c == '=' {
			return fmt.Errorf("a second = in %q", p.key)
		}
		p.value = append(p.value, c)
		return nil
	}
	panic("parser in no state")
}

// A machine with a state no case names and code after the switch that
// returns for it.
type mode int

const (
	mOn mode = iota
	mOff
	mBroken // no case: the code after the switch runs
)

type lamp struct { // want lamp:`^state machine lamp\.m \(mode, 3 states\)$`
	m      mode
	toggle int
}

func (l *lamp) flip() (on bool) {
	switch l.m { // want `^state machine lamp\.m \(mode, 3 states\) is dispatched by this switch in \(\*lamp\)\.flip; fix: `
	case mOn:
		l.m = mOff
		return false
	case mOff:
		l.toggle++
		if l.toggle > 2 {
			l.m = mBroken
			return false
		}
		l.m = mOn
		return true
	}
	l.toggle = -1
	return
}

// Every case ends the method, but one by a break out of the switch,
// which leads to the code after it: that code stays where it is.
type dstate int

const (
	dOpen dstate = iota
	dShut
)

type door struct { // want door:`^state machine door\.d \(dstate, 2 states\)$`
	d      dstate
	knocks int
}

func (d *door) knock() int {
	switch d.d { // want `^state machine door\.d \(dstate, 2 states\) is dispatched by this switch in \(\*door\)\.knock; fix: `
	case dOpen:
		d.d = dShut
		return 0
	case dShut:
		if d.knocks > 1 {
			break
		}
		d.knocks++
		return d.knocks
	}
	d.d = dOpen
	return -1
}

// The code after the switch uses a local declared before it: it stays
// where it is, and the state functions say whether they returned.
type vstate int

const (
	vLow vstate = iota
	vHigh
)

type valve struct { // want valve:`^state machine valve\.v \(vstate, 2 states\)$`
	v vstate
}

func (v *valve) open(by int) (int, error) {
	limit := 10
	switch v.v { // want `^state machine valve\.v \(vstate, 2 states\) is dispatched by this switch in \(\*valve\)\.open; fix: `
	case vLow:
		v.v = vHigh
		return by, nil
	case vHigh:
		v.v = vLow
		return v.reading(by)
	}
	return limit, nil
}

// reading returns a reading for a valve: both results of the method.
func (v *valve) reading(by int) (int, error) {
	if by < 0 {
		return 0, fmt.Errorf("negative reading %d", by)
	}
	return 2 * by, nil
}

// A zero value in no state, a state no case names, and every case
// returning: both run the code after the switch.
type fstate int

const (
	fRed fstate = iota + 1
	fGreen
	fOff // no case
)

type flag struct { // want flag:`^state machine flag\.s \(fstate, 3 states\)$`
	s fstate
}

func newFlag() *flag { return &flag{s: fRed} }

func (f *flag) wave() string {
	switch f.s { // want `^state machine flag\.s \(fstate, 3 states\) is dispatched by this switch in \(\*flag\)\.wave; fix: `
	case fRed:
		f.s = fGreen
		return "red"
	case fGreen:
		f.s = fOff
		return "green"
	}
	return "none"
}
