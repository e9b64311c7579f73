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
