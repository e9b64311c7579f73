// Package exported is internal: other packages of its module can name its
// exported state type, field and constants, so the rewrite is blocked.
package exported

type State int

const (
	Idle State = iota
	Busy
)

type Worker struct { // want Worker:`^state machine Worker\.State \(State, 2 states\), rewrite blocked$`
	State State
	Done  int
}

func (w *Worker) Step() {
	switch w.State { // want `no fix: the state type State is exported: other packages of the module may use it at exported.go:5; the state constant Idle is exported: other packages may use it at exported.go:8; the state constant Busy is exported: other packages may use it at exported.go:9; and 1 more \(fsmvet help fsmswitch\)$`
	case Idle:
		w.Done++
		w.State = Busy
	case Busy:
		w.State = Idle
	}
}
