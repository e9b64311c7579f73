package poll

import (
	"testing"

	"pollextra"
)

// The test variant of poll imports pollextra, which implements Task, and
// declares testTask; the findings in poll.go must read the same in both
// variants, and those in this file see both.
func TestBlockOn(t *testing.T) {
	BlockOn(new(pollextra.Spinner), new(Context))
}

type testTask struct{}

func (testTask) Poll(cx *Context) bool { return true }

func waitAll(ts []Task, cx *Context) {
	for _, t := range ts {
		for !t.Poll(cx) { // want `^poll loop: Task\.Poll is called through an interface on every iteration until its result ends the loop; of its 5 visible implementations, 1 is a state machine that also switches on its state every step, 1 already calls its next step through a function field, 3 are not known state machines: polltasks\.\*Sender \(Sender\.state, 3 states, fix offered\), polltasks\.\*Stepper, poll\.testTask, pollextra\.\*Spinner, polltasks\.\*Sleeper$`
		}
	}
}
