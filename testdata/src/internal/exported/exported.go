// Package exported is internal: its exported state type is still closed.
package exported

type State int

const (
	Idle State = iota
	Busy
)

type Worker struct { // want Worker:`^state machine Worker\.State \(State, 2 states\)$`
	State State
	Done  int
}

func (w *Worker) Step() {
	switch w.State { // want `closed state machine: State \(2 states\) in field Worker.State`
	case Idle:
		w.Done++
		w.State = Busy
	case Busy:
		w.State = Idle
	}
}
