// Package pollsteps holds a machine stepped two ways through interfaces:
// one step per Step call, a poll loop paying two dispatches per step, and
// many steps per Read call, a read loop paying one per many (as
// compress/gzip reads its inflater). Only the first is reported by
// default.
package pollsteps

type step int

const (
	stepHeader step = iota
	stepBody
	stepDone
)

type inflater struct {
	step step
	done bool
	out  []byte
	in   []byte
}

// doStep is the consumer: one step.
func (f *inflater) doStep() {
	switch f.step {
	case stepHeader:
		f.step = stepBody
	case stepBody:
		if len(f.in) > 0 {
			f.out = append(f.out, f.in[0])
			f.in = f.in[1:]
		} else {
			f.step = stepDone
			f.done = true
		}
	}
}

// Step runs one step.
func (f *inflater) Step() bool {
	f.doStep()
	return f.done
}

// Read runs steps until it has output or the machine is done.
func (f *inflater) Read(p []byte) (int, error) {
	for len(f.out) == 0 && !f.done {
		f.doStep()
	}
	n := copy(p, f.out)
	f.out = f.out[n:]
	if n == 0 {
		return 0, errDone
	}
	return n, nil
}

type doneError struct{}

func (doneError) Error() string { return "done" }

var errDone error = doneError{}

type Stepper interface{ Step() bool }

type Reader interface {
	Read(p []byte) (int, error)
}

var (
	_ Stepper = (*inflater)(nil)
	_ Reader  = (*inflater)(nil)
)

func run(s Stepper) {
	for !s.Step() { // want `poll loop: Stepper\.Step is called through an interface on every iteration until its result ends the loop; its one visible implementation is a state machine that also switches on its state every step: pollsteps\.\*inflater \(inflater\.step, 3 states, fix offered\)`
	}
}

func drain(r Reader) int {
	buf := make([]byte, 8)
	total := 0
	for {
		n, err := r.Read(buf)
		total += n
		if err != nil {
			return total
		}
	}
}
