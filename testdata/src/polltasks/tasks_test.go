package polltasks

import (
	"testing"

	"escape"
)

func TestSender(t *testing.T) {
	s := escape.Heap(new(Sender))
	cx := escape.Heap(new(Context))
	polls := 1
	for !s.Poll(cx) {
		polls++
	}
	if polls != 5 { // header, body three times, done
		t.Errorf("Sender done after %d polls, want 5", polls)
	}
}

func TestStepper(t *testing.T) {
	s := escape.Heap(NewStepper(2))
	polls := 1
	for !s.Poll(new(Context)) {
		polls++
	}
	if polls != 3 {
		t.Errorf("Stepper done after %d polls, want 3", polls)
	}
}
