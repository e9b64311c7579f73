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

type cell[T any] struct { // want cell:`^state machine cell\.p \(phase, 2 states\)$`
	p phase
	v T
}

func (c *cell[T]) Step(v T) (T, pair, [2]int, unsafe.Pointer, bool, string, float64, error) {
	switch c.p { // want `^state machine cell\.p \(phase, 2 states\) is dispatched by this switch in \(\*cell\)\.Step; fix: `
	case fill:
		c.v = v
		c.p = emit
	case emit:
		c.p = fill
		return c.v, pair{1, 2}, [2]int{3, 4}, unsafe.Pointer(c), true, "full", 0.5, nil
	}
	var zero T
	return zero, pair{}, [2]int{}, nil, false, "", 0, nil
}

// Named results, set by the cases, none of which returns: the state
// functions take them and return them.
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
