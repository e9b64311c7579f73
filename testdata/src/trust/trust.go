// Package trust holds the shapes that once crashed fsmvet or made its
// output change from run to run, each with the fix it now gets.
package trust

// An iota+1 enum whose default clause panics: the zero value, which names
// no state, must still reach the panic after the rewrite.
type phase int

const (
	phaseA phase = iota + 1
	phaseB
)

type runner struct { // want runner:`^state machine runner\.p \(phase, 2 states\)$`
	p     phase
	steps int
}

func (r *runner) Step() {
	switch r.p { // want `^state machine runner\.p \(phase, 2 states\) is dispatched by this switch in \(\*runner\)\.Step; fix: `
	case phaseA:
		r.steps++
		r.p = phaseB
	case phaseB:
		r.p = phaseA
	default:
		panic("BUG: unexpected phase")
	}
}

func newRunner() *runner { return &runner{p: phaseA} }

// A method declared on an alias of the struct.
type mstate int

const (
	mIdle mstate = iota
	mBusy
)

type machine struct{ s mstate } // want machine:`^state machine machine\.s \(mstate, 2 states\)$`

type M = machine

func (r *M) Step() bool {
	switch r.s { // want `^state machine machine\.s \(mstate, 2 states\) is dispatched by this switch in \(\*machine\)\.Step; fix: `
	case mIdle:
		r.s = mBusy
		return false
	}
	return true
}

// One struct holding two state fields: a literal that sets one leaves the
// other in its zero state, and each machine is told apart.
type step int

const (
	stepHeader step = iota
	stepBody
	stepDone
)

type flushMode int

const (
	flushNone flushMode = iota
	flushSync
)

type decoder struct { // want decoder:`^state machine decoder\.step \(step, 3 states\)$`
	step  step
	mode  flushMode
	calls int
}

func newDecoder() *decoder { return &decoder{mode: flushSync} }

func (d *decoder) Next() bool {
	switch d.step { // want `^state machine decoder\.step \(step, 3 states\) is dispatched by this switch in \(\*decoder\)\.Next; fix: `
	case stepHeader:
		d.step = stepBody
	case stepBody:
		d.calls++
		d.step = stepDone
	default:
		return true
	}
	return false
}

func (d *decoder) Flush() {
	switch d.mode { // want `^state machine decoder\.mode \(flushMode, 2 states\) is dispatched by this switch in \(\*decoder\)\.Flush; fix: `
	case flushSync:
		d.calls++
		d.mode = flushNone
	case flushNone:
		d.mode = flushSync
	}
}
