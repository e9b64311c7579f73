// Package zeros holds a machine whose consumer returns a value of each
// kind and goes on after the switch: a case that falls off its end
// returns each result's zero value, written as the source writes its
// type.
package zeros

import "unsafe"

type pair struct{ a, b int }

type phase int

const (
	fill phase = iota
	emit
)

type cell struct { // want cell:`^state machine cell\.p \(phase, 2 states\)$`
	p phase
	v []byte
}

func (c *cell) Step(v []byte) ([]byte, pair, [2]int, unsafe.Pointer, bool, string, float64, error) {
	switch c.p { // want `^state machine cell\.p \(phase, 2 states\) is dispatched by this switch in \(\*cell\)\.Step; fix: `
	case fill:
		c.v = v
		c.p = emit
	case emit:
		c.p = fill
		return c.v, pair{1, 2}, [2]int{3, 4}, unsafe.Pointer(c), true, "full", 0.5, nil
	}
	return nil, pair{}, [2]int{}, nil, false, "", 0, nil
}

// Named results, set by the cases, none of which returns, and unused
// before the switch: the state functions declare them as their own
// results, which start at zero as the method's do.
type tone int

const (
	low tone = iota
	high
)

type bell struct{ t tone } // want bell:`^state machine bell\.t \(tone, 2 states\)$`

func (b *bell) Ring() (hz int, _ bool, err error) {
	switch b.t { // want `^state machine bell\.t \(tone, 2 states\) is dispatched by this switch in \(\*bell\)\.Ring; fix: `
	case low:
		hz = 440
		b.t = high
	case high:
		hz = 880
		b.t = low
	}
	hz++
	return
}

// Named results the method sets before the switch: the state functions
// take their values and return them.
type level int

const (
	levelLow level = iota
	levelHigh
)

type gauge struct { // want gauge:`^state machine gauge\.l \(level, 2 states\)$`
	l    level
	base int
}

func (g *gauge) Read() (n int, err error) {
	n = g.base
	switch g.l { // want `^state machine gauge\.l \(level, 2 states\) is dispatched by this switch in \(\*gauge\)\.Read; fix: `
	case levelLow:
		n++
		g.l = levelHigh
	case levelHigh:
		n += 10
		g.l = levelLow
	}
	return
}
