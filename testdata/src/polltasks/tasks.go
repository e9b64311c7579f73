// Package polltasks holds task implementations that package poll's loops
// dispatch to: a switch-dispatched state machine, a transition-pointer
// machine and a plain type. fsmswitch's facts about them reach poll.
package polltasks

type Context struct{ Ticks int }

// A switch-dispatched state machine.
type sendState int

const (
	sendHeader sendState = iota
	sendBody
	sendDone
)

type Sender struct { // want Sender:`^state machine Sender\.state \(sendState, 3 states\)$`
	state sendState
	n     int
}

func (s *Sender) Poll(cx *Context) bool {
	switch s.state { // want `state machine Sender.state \(sendState`
	case sendHeader:
		s.state = sendBody
	case sendBody:
		s.n++
		if s.n == 3 {
			s.state = sendDone
		}
	default:
		return true
	}
	return false
}

// A machine already in transition-pointer form.
type Stepper struct { // want Stepper:`^transition-pointer machine Stepper\.step$`
	step func(*Stepper, *Context) bool
	n    int
}

func (s *Stepper) Poll(cx *Context) bool { return s.step(s, cx) }

// A plain implementation.
type Sleeper struct{ left int }

func (s *Sleeper) Poll(cx *Context) bool { s.left--; return s.left <= 0 }

// NewStepper returns a Stepper that finishes after n polls.
func NewStepper(n int) *Stepper { return &Stepper{n: n, step: stepCount} }

func stepCount(s *Stepper, cx *Context) bool {
	if s.n--; s.n <= 0 {
		s.step = stepDone
	}
	return false
}

func stepDone(s *Stepper, cx *Context) bool { return true }
