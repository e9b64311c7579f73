// Package steps holds a machine with methods that run its consumer once
// at most per call and methods that do not, and a machine consumed by a
// tagless switch.
package steps

type phase int

const (
	idle phase = iota
	busy
)

type worker struct { // want worker:`^state machine worker\.p \(phase, 2 states\)$`
	p phase
	n int
}

func (w *worker) step() {
	switch w.p { // want `^state machine worker\.p \(phase, 2 states\) is dispatched by this switch in \(\*worker\)\.step; fix: `
	case idle:
		w.p = busy
	case busy:
		w.p = idle
		w.n++
	}
}

// Poll runs one step, or none: a step method.
func (w *worker) Poll() bool {
	if w.n > 10 {
		return false
	}
	w.step()
	return true
}

// Drain runs a step in a loop.
func (w *worker) Drain() {
	for range 3 {
		w.step()
	}
}

// Later runs a step when its result is called, maybe many times.
func (w *worker) Later() func() {
	return func() { w.step() }
}

// Count calls another method.
func (w *worker) Count() int { return w.total() }

func (w *worker) total() int { return w.n }

// run is a step, but not a method.
func run(w *worker) { w.step() }

type light int

const (
	off light = iota
	on
)

type lamp struct{ l light } // want lamp:`^state machine lamp\.l \(light, 2 states\)$`

func (p *lamp) Toggle() {
	switch { // want `^state machine lamp\.l \(light, 2 states\) is dispatched by this switch in \(\*lamp\)\.Toggle; fix: `
	case p.l == off:
		p.l = on
	case p.l == on:
		p.l = off
	}
}
