package exported

import (
	"testing"

	"escape"
)

func TestWorker(t *testing.T) {
	w := escape.Heap(new(Worker))
	w.Step()
	w.Step()
	w.Step()
	// Three steps from Idle: Busy, Idle, Busy. The tests cannot look at
	// the state, so they count what Busy does.
	if w.Done != 2 {
		t.Errorf("Worker became busy %d times, want 2", w.Done)
	}
}
