// Package fnedges holds consumers at the edges of how the state
// functions return: no results and a case that returns early, a break in
// a switch that ends its method, a case whose call is not the consumer's
// own (another argument, a function field, a panic), named results used
// before the switch with a case that only calls a method, and code after
// the switch that cannot move (a label).
package fnedges

import "errors"

// No results, code after the switch, a case that returns early.
type cstate int

const (
	cRun cstate = iota
	cStop
)

type clock struct { // want clock:`^state machine clock\.state \(cstate, 2 states\)$`
	state cstate
	ticks int
}

func (c *clock) tick() {
	switch c.state { // want `^state machine clock\.state \(cstate, 2 states\) is dispatched by this switch in \(\*clock\)\.tick; fix: `
	case cRun:
		if c.ticks == 2 {
			c.state = cStop
			return
		}
	case cStop:
		return
	}
	c.ticks++
}

// A switch that ends its method, no results, and a break out of it.
type sstate int

const (
	sRed sstate = iota
	sGreen
)

type signal struct { // want signal:`^state machine signal\.s \(sstate, 2 states\)$`
	s     sstate
	stuck bool
	flips int
}

func (g *signal) flip() {
	g.flips++
	switch g.s { // want `^state machine signal\.s \(sstate, 2 states\) is dispatched by this switch in \(\*signal\)\.flip; fix: `
	case sRed:
		if g.stuck {
			break
		}
		g.s = sGreen
	case sGreen:
		g.s = sRed
		return
	}
}

// A reader whose cases call, but not as the consumer would be called:
// another argument, a function field, a panic.
type rstate int

const (
	rSkip rstate = iota
	rHook
	rBroken
)

var errShort = errors.New("short")

type reader struct { // want reader:`^state machine reader\.state \(rstate, 3 states\)$`
	state rstate
	hook  func(p []byte, max int) (int, error)
}

func (r *reader) read(p []byte, max int) (int, error) {
	switch r.state { // want `^state machine reader\.state \(rstate, 3 states\) is dispatched by this switch in \(\*reader\)\.read; fix: `
	case rSkip:
		return r.skip(p, max-1)
	case rHook:
		return r.hook(p, max)
	case rBroken:
		panic("broken reader")
	}
	return 0, errShort
}

func (r *reader) skip(p []byte, max int) (int, error) {
	r.state = rHook
	if max < len(p) {
		return max, nil
	}
	return len(p), nil
}

func (r *reader) brk() { r.state = rBroken }

// Named results set before the switch, and a case that only calls a
// method: the state functions take the results, so the method is no
// state function.
type mstate int

const (
	mLow mstate = iota
	mHigh
)

type meter struct { // want meter:`^state machine meter\.m \(mstate, 2 states\)$`
	m    mstate
	base int
}

func (m *meter) read() (n int) {
	n = m.base
	switch m.m { // want `^state machine meter\.m \(mstate, 2 states\) is dispatched by this switch in \(\*meter\)\.read; fix: `
	case mLow:
		m.raise()
	case mHigh:
		n *= 2
		m.m = mLow
	}
	return n
}

func (m *meter) raise() { m.m = mHigh }

// Every case returns, but the code after the switch holds a label: it
// stays where it is.
type lstate int

const (
	lA lstate = iota + 1
	lB
)

type looper struct { // want looper:`^state machine looper\.l \(lstate, 2 states\)$`
	l lstate
}

func (o *looper) next() int {
	switch o.l { // want `^state machine looper\.l \(lstate, 2 states\) is dispatched by this switch in \(\*looper\)\.next; fix: `
	case lA:
		o.l = lB
		return 1
	case lB:
		o.l = lA
		return 2
	}
	n := 0
again:
	if n < 3 {
		n++
		goto again
	}
	return -n
}

func newLooper() *looper { return &looper{l: lA} }
