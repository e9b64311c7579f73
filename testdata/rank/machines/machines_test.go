package machines

import "testing"

// TestSmall reads Small's state: with its tests, Small can be rewritten
// only to the table form, which keeps the state.
func TestSmall(t *testing.T) {
	s := NewSmall()
	s.Poll()
	if s.state != 0 {
		t.Errorf("a new Small polled once is in state %d, want the zero value", s.state)
	}
}
