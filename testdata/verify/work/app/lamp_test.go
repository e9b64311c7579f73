package app

import "testing"

func TestLampBlows(t *testing.T) {
	var l Lamp
	n := 0
	for !l.Toggle() {
		n++
	}
	if n != 4 {
		t.Fatalf("blew after %d toggles, want 4", n)
	}
}
