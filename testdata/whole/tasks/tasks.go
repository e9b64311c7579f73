// Package tasks implements executor.Task three ways.
package tasks

import "example.com/whole/executor"

type sendState int

const (
	sendHeader sendState = iota
	sendBody
	sendDone
)

// Sender is a switch-dispatched state machine.
type Sender struct {
	state sendState
	n     int
}

func (s *Sender) Poll(cx *executor.Context) bool {
	switch s.state {
	case sendHeader:
		s.state = sendBody
	case sendBody:
		if s.n++; s.n == 3 {
			s.state = sendDone
		}
	default:
		return true
	}
	return false
}

// Stepper is already in transition-pointer form.
type Stepper struct {
	step func(*Stepper) bool
	n    int
}

func NewStepper(n int) *Stepper { return &Stepper{n: n, step: count} }

func (s *Stepper) Poll(cx *executor.Context) bool { return s.step(s) }

func count(s *Stepper) bool {
	if s.n--; s.n <= 0 {
		s.step = done
	}
	return false
}

func done(*Stepper) bool { return true }

// Sleeper implements Task but no executor is ever handed one.
type Sleeper struct{ Left int }

func (s *Sleeper) Poll(cx *executor.Context) bool { s.Left--; return s.Left <= 0 }
