// Package worker holds a machine whose fix compiles, but breaks a test
// that checks, through reflect, that the state is stored in one byte: a
// use of the field fsmvet cannot see, which only running the tests finds.
package worker

type mode uint8

const (
	idle mode = iota
	busy
	stopped
)

// Worker does three jobs, then stops.
type Worker struct {
	mode mode
	jobs int
}

// Step runs one step and reports whether the worker has stopped.
func (w *Worker) Step() bool {
	switch w.mode {
	case idle:
		w.mode = busy
	case busy:
		if w.jobs++; w.jobs == 3 {
			w.mode = stopped
		}
	default:
		return true
	}
	return false
}
